-- The tags of each entry's current version, lower-cased, for filtering (Moodle matches tags case-insensitively).
CREATE TABLE question_tags (
  question_id INTEGER NOT NULL REFERENCES questions (id),
  tag         TEXT    NOT NULL,
  PRIMARY KEY (question_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX question_tags_tag ON question_tags (tag, question_id);
