package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders stored records the way the Table API does: every value a string, reference
 * fields in one of three shapes, write-only passwords blank.
 */
final class RecordRenderer {

	enum DisplayMode {

		VALUE, DISPLAY, ALL;

		static DisplayMode of(String parameter) {
			if (parameter == null) {
				return VALUE;
			}
			return switch (parameter.toLowerCase(Locale.ROOT)) {
				case "true" -> DISPLAY;
				case "all" -> ALL;
				default -> VALUE;
			};
		}

	}

	/**
	 * One requested output field: the key as asked (e.g. "role.name") and the fields
	 * walked to reach it.
	 */
	record Selected(String key, List<TableSchema.Field> path) {
	}

	private final Tables tables;

	private final String instanceUrl;

	private final DisplayMode mode;

	private final boolean excludeReferenceLink;

	RecordRenderer(Tables tables, String instanceUrl, DisplayMode mode, boolean excludeReferenceLink) {
		this.tables = tables;
		this.instanceUrl = instanceUrl;
		this.mode = mode;
		this.excludeReferenceLink = excludeReferenceLink;
	}

	/**
	 * Parses sysparm_fields. Unknown names are ignored as on an instance; null means all
	 * fields.
	 */
	static List<Selected> selectFields(String sysparmFields, TableSchema.Table table, List<String> warnings) {
		if (sysparmFields == null || sysparmFields.isBlank()) {
			return null;
		}
		List<Selected> selected = new ArrayList<>();
		for (String name : sysparmFields.split(",")) {
			String key = name.trim();
			if (key.isEmpty()) {
				continue;
			}
			Optional<List<TableSchema.Field>> path = TableSchema.resolvePath(table, key);
			if (path.isPresent()) {
				selected.add(new Selected(key, path.get()));
			}
			else {
				warnings
					.add("sysparm_fields names unknown field '" + key + "' of " + table.name() + "; it was ignored");
			}
		}
		return selected;
	}

	Map<String, Object> render(TableSchema.Table table, Map<String, String> record, List<Selected> fields) {
		Map<String, Object> rendered = new LinkedHashMap<>();
		if (fields == null) {
			for (TableSchema.Field field : table.fields().values()) {
				rendered.put(field.name(), renderValue(field, record.getOrDefault(field.name(), "")));
			}
		}
		else {
			for (Selected selected : fields) {
				TableSchema.Field last = selected.path().get(selected.path().size() - 1);
				rendered.put(selected.key(), renderValue(last, walk(tables, record, selected.path())));
			}
		}
		return rendered;
	}

	/**
	 * The raw value at the end of a dot-walked path; "" when a reference on the way is
	 * empty or broken.
	 */
	static String walk(Tables tables, Map<String, String> record, List<TableSchema.Field> path) {
		Map<String, String> current = record;
		for (int i = 0; i < path.size() - 1; i++) {
			TableSchema.Field reference = path.get(i);
			Optional<Map<String, String>> target = tables.get(reference.referenceTable(),
					current.get(reference.name()));
			if (target.isEmpty()) {
				return "";
			}
			current = target.get();
		}
		return current.getOrDefault(path.get(path.size() - 1).name(), "");
	}

	private Object renderValue(TableSchema.Field field, String raw) {
		String value = field.type() == TableSchema.Type.PASSWORD ? "" : raw;
		if (!field.isReference()) {
			return switch (mode) {
				case VALUE -> value;
				case DISPLAY -> field.displayValue(value);
				case ALL -> displayAndValue(field.displayValue(value), value);
			};
		}
		String displayValue = value.isEmpty() ? "" : displayValue(field.referenceTable(), value);
		String link = instanceUrl + "/api/now/table/" + field.referenceTable() + "/" + value;
		Map<String, String> shape = new LinkedHashMap<>();
		switch (mode) {
			case VALUE -> {
				if (value.isEmpty() || excludeReferenceLink) {
					return value;
				}
				shape.put("link", link);
				shape.put("value", value);
			}
			case DISPLAY -> {
				if (value.isEmpty() || excludeReferenceLink) {
					return displayValue;
				}
				shape.put("display_value", displayValue);
				shape.put("link", link);
			}
			case ALL -> {
				shape.put("display_value", displayValue);
				if (!value.isEmpty() && !excludeReferenceLink) {
					shape.put("link", link);
				}
				shape.put("value", value);
			}
		}
		return shape;
	}

	private String displayValue(String table, String sysId) {
		TableSchema.Table target = TableSchema.table(table).orElseThrow();
		return tables.get(table, sysId)
			.map(record -> target.displayField() == null ? sysId : record.getOrDefault(target.displayField(), ""))
			.orElse("");
	}

	private static Map<String, String> displayAndValue(String displayValue, String value) {
		Map<String, String> shape = new LinkedHashMap<>();
		shape.put("display_value", displayValue);
		shape.put("value", value);
		return shape;
	}

}
