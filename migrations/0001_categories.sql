-- Question categories, as Moodle keeps them: one hidden `top` per context ($course$, $module$, …)
-- and the named categories below it. The context is repeated on every row so a path lookup needs no walk.
CREATE TABLE categories (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES categories (id),
  context     TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  info        TEXT    NOT NULL DEFAULT '',
  info_format TEXT    NOT NULL DEFAULT 'moodle',
  info_files  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(info_files)),
  idnumber    TEXT,
  -- Only a context's top has no parent.
  CHECK (parent_id IS NOT NULL OR name = 'top')
) STRICT;

-- One top per context; names are unique among siblings (this index also serves children lookups).
CREATE UNIQUE INDEX categories_top ON categories (context) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX categories_parent_name ON categories (parent_id, name);
-- Moodle keeps a category idnumber unique within its context.
CREATE UNIQUE INDEX categories_idnumber ON categories (context, idnumber) WHERE idnumber IS NOT NULL;
