package storage

// tagsNotesMigration adds tags and notes to steps, notes to objectives, and where and with
// whom a step was completed (issue 13). Tags are stored joined by single spaces (see
// model.JoinTags): a step holds a handful, and the outline filters them in memory.
const tagsNotesMigration = `
ALTER TABLE micro_goals ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE micro_goals ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE micro_goals ADD COLUMN done_where TEXT NOT NULL DEFAULT '';
ALTER TABLE micro_goals ADD COLUMN done_with TEXT NOT NULL DEFAULT '';
ALTER TABLE objectives ADD COLUMN notes TEXT NOT NULL DEFAULT '';
`
