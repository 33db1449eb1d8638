-- The kinds of agent a target's doctor found it can run (claude, codex, demo: a comma list); NULL until a doctor
-- answered: placement then sends any agent there.
ALTER TABLE targets ADD COLUMN agents TEXT;
