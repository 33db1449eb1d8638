package dev.bosun.engine;

import java.util.List;

/** How a refresh of the pull requests went: how many were read, and what could not be, with the forge's reason. */
public record RefreshReport(int refreshed, List<String> problems) {}
