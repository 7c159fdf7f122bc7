-- Wrong tries per code (lifecycle 1.2): a code accepts 5 wrong tries, then it is burned.
ALTER TABLE verification_codes ADD COLUMN failed_attempts INT NOT NULL DEFAULT 0;
