-- The operator's managers budget for one objective (New objective, create_objective max_managers); NULL: the
-- supervisor.max.managers setting.
ALTER TABLE objectives ADD COLUMN max_managers INTEGER;
