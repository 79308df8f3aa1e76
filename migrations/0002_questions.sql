-- Bank entries and their versions. An entry points at its current version; every edit adds a version
-- and old versions stay, so attempts keep the exact question they were graded on.
CREATE TABLE questions (
  id                 INTEGER PRIMARY KEY,
  category_id        INTEGER NOT NULL REFERENCES categories (id),
  idnumber           TEXT,
  -- Null only between inserting the entry and its first version, inside one transaction.
  current_version_id INTEGER REFERENCES question_versions (id),
  created_at         TEXT    NOT NULL,
  retired_at         TEXT
) STRICT;

CREATE TABLE question_versions (
  id          INTEGER PRIMARY KEY,
  question_id INTEGER NOT NULL REFERENCES questions (id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  type        TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  -- The whole model Question as JSON.
  question    TEXT    NOT NULL CHECK (json_valid(question)),
  -- The opaque ids clients see for the choices and stems of this version.
  choice_ids  TEXT    NOT NULL CHECK (json_valid(choice_ids)),
  created_at  TEXT    NOT NULL,
  UNIQUE (question_id, version)
) STRICT;

CREATE INDEX questions_category ON questions (category_id);
-- An idnumber is unique within a category among live entries; a retired entry gives its idnumber up.
CREATE UNIQUE INDEX questions_idnumber ON questions (category_id, idnumber)
  WHERE idnumber IS NOT NULL AND retired_at IS NULL;
CREATE INDEX questions_idnumber_any ON questions (idnumber) WHERE idnumber IS NOT NULL;
CREATE UNIQUE INDEX questions_current_version ON questions (current_version_id);
-- Filtering current versions by type: type → version → its entry through questions_current_version.
CREATE INDEX question_versions_type ON question_versions (type);
