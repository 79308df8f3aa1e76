-- attempt_questions_version made every submission insert 7 entries in the middle of an index (one run of equal
-- keys per question version), the costliest part of storing an attempt. Its two statistics queries read the
-- rows through the attempts of the quiz and the (attempt_id, slot) key, or the rowid range, instead.
DROP INDEX attempt_questions_version;
