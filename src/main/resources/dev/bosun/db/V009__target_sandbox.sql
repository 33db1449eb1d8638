-- The sandbox the target's doctor found agents can run in there ("bubblewrap 0.8.0"); '' when none can (they run
-- unsandboxed, and the console says so); NULL until a doctor answered.
ALTER TABLE targets ADD COLUMN sandbox TEXT;
