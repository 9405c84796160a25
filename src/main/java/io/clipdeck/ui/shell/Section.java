package io.clipdeck.ui.shell;

/** The console's views, in the order the navigation rail lists them. */
public enum Section {
  PROFILES("Profiles", "Connection profiles and their health"),
  DASHBOARD("Dashboard", "Live pool and server figures"),
  MIGRATIONS("Migrations", "Schema versions, migrate and roll back"),
  BROWSER("Browser", "Videos, clips and model usage"),
  EXPLORER("Explorer", "Schemas, tables, DDL and any table's rows"),
  ENRICHMENT("Enrichment", "Batch runs against the external APIs"),
  SQL("SQL console", "Run SQL, read plans, keep a history"),
  SETTINGS("Settings", "Dashboard, cache, providers and paths");

  private final String title;
  private final String summary;

  Section(String title, String summary) {
    this.title = title;
    this.summary = summary;
  }

  public String title() {
    return title;
  }

  public String summary() {
    return summary;
  }
}
