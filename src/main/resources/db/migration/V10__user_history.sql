-- Change history and the change-event feed (issue 16): one immutable entry per accepted change
-- to a user, written in the same transaction (and, on the batched paths, the same statement) as
-- the change. No foreign key to users: entries outlive the user (looked up by sub). They go with
-- their pool.
--
-- tx is the writing transaction's id. The event feed hands out entries in (tx, id) order and only
-- those whose tx is below the xmin of its own snapshot, i.e. from transactions that have all
-- ended: an entry that commits later always sorts after every cursor already handed out, so a
-- poller never skips or repeats one, with any number of writers and replicas.
--
-- kind: created | updated | deleted.
-- operation: the Cognito operation (AdminUpdateUserAttributes, VerifyUserAttribute, ...).
-- actor: {"type": "admin", "keyId": "..."}
--      | {"type": "user", "clientId": "...", "sub": "..."}
--      | {"type": "service", "reason": "..."}            (e.g. a code verification's promotion)
-- changes: {"attributes": {"<name>": {"old": <string|null>, "new": <string|null>}},
--           "pending":    {"<name>": {"old": <string|null>, "new": <string|null>}},
--           "status":     {"old": "...", "new": "..."},
--           "enabled":    {"old": true, "new": false},
--           "password":   "set" | "temporary" | "reset"}
--   each member present only when it changed; an attribute the pool does not keep values of is
--   recorded as {"kept": false} instead of its values.
CREATE TABLE user_history (
    pool_id            TEXT        NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    id                 BIGINT      GENERATED ALWAYS AS IDENTITY,
    tx                 XID8        NOT NULL DEFAULT pg_current_xact_id(),
    sub                UUID        NOT NULL,
    username           TEXT        NOT NULL,
    version            BIGINT      NOT NULL,
    kind               TEXT        NOT NULL,
    operation          TEXT        NOT NULL,
    request_id         TEXT,
    actor              JSONB       NOT NULL,
    changes            JSONB       NOT NULL DEFAULT '{}',
    changed_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pool_id, id)
);
CREATE INDEX user_history_user ON user_history (pool_id, sub, id);
CREATE INDEX user_history_feed ON user_history (pool_id, tx, id);
-- retention sweeps by age; entries are appended in time order, so a BRIN index is enough
CREATE INDEX user_history_age ON user_history USING brin (changed_at);
