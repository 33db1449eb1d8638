-- Pokes the supervisor gave an objective's manager since the objective last made progress (a session created, a PR
-- published or updated, a question asked, the operator acting); past supervisor.max.pokes the operator is asked.
ALTER TABLE objectives ADD COLUMN supervisor_pokes INTEGER NOT NULL DEFAULT 0;
