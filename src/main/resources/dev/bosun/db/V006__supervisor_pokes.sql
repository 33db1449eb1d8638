-- Pokes the supervisor gave an objective's manager since the objective last made progress (a session created, a PR
-- published or updated, a question asked, the operator acting); past supervisor.max.pokes the operator is asked.
ALTER TABLE objectives ADD COLUMN supervisor_pokes INTEGER NOT NULL DEFAULT 0;
-- Why a manager discarded a succeeded worker's unpublished work (discard_work); an objective cannot end while a
-- succeeded worker holds commits that are in no pull request, unless they were discarded with a reason.
ALTER TABLE sessions ADD COLUMN discarded_reason TEXT;
-- What the engine had to tell an objective's manager while none was live (a PR closed, a follow-up's outcome): kept
-- until a manager starts, which gets them with its first prompt; the supervisor starts one for them.
CREATE TABLE objective_notices (
    id           TEXT PRIMARY KEY,
    objective_id TEXT NOT NULL REFERENCES objectives(id),
    body         TEXT NOT NULL,
    sender       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    handed_to    TEXT REFERENCES sessions(id)
);
CREATE INDEX objective_notices_held ON objective_notices(objective_id, created_at) WHERE handed_to IS NULL;
