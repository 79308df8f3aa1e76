-- API keys. Only the SHA-256 of a secret is kept; the prefix lets people tell keys apart.
CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY,
  name       TEXT,
  role       TEXT    NOT NULL CHECK (role IN ('admin', 'client')),
  key_hash   TEXT    NOT NULL UNIQUE CHECK (length(key_hash) = 64 AND key_hash NOT GLOB '*[^0-9a-f]*'),
  prefix     TEXT    NOT NULL,
  created_at TEXT    NOT NULL,
  revoked_at TEXT
) STRICT;
