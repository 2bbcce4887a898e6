-- A record key that is not valid UTF-8 cannot be kept as text without losing bytes: record_key then holds the key
-- decoded with replacement characters (what a reader sees), and record_key_hex the original bytes, in lower-case hex.
-- Null when the key is valid UTF-8 (or absent). The runtime role's privileges on quarantine cover the new column.
ALTER TABLE quarantine ADD COLUMN record_key_hex TEXT;
