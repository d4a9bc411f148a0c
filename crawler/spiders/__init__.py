"""govwatch's spiders: `site` (config-driven, one per [sources.NAME]) and `generic`."""
