-- Throttle keys are keyed hashes (HMAC-SHA256) from now on; the unsalted SHA-256 keys of before could be reversed by
-- trying every IPv4 address. The counts only delayed guessing for minutes and need not survive the upgrade.
delete from throttle;
