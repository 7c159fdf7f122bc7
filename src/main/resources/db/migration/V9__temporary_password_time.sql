-- When the current password was set (AdminSetUserPassword, a RESEND invitation, a new password).
-- A temporary password (status FORCE_CHANGE_PASSWORD) expires TemporaryPasswordValidityDays after
-- this instant (lifecycle spec 5.2). NULL for rows written before: their password dates from
-- created_at, which is also what a new user's row leaves it at.
ALTER TABLE users ADD COLUMN password_set_at TIMESTAMPTZ;
