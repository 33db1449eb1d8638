-- How far a checkout being prepared is, as git reports it ("clone: Receiving objects: 45% (450/1000), 1.20 MiB");
-- shown on the workspace row while it is preparing.
ALTER TABLE workspaces ADD COLUMN progress TEXT NOT NULL DEFAULT '';
