package io.github.serviceaccounts.simulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Serves ServiceNow's Table API over the simulated tables. Faults and authentication
 * happen before this.
 */
final class TableApi {

	private static final int DEFAULT_LIMIT = 10_000;

	private record Rendered(String sysId, Map<String, Object> body) {
	}

	private record Page(List<Map<String, Object>> rows, int total) {
	}

	private final SimulatorStore store;

	TableApi(SimulatorStore store) {
		this.store = store;
	}

	/**
	 * @param caller who the call acts as; an account that is not the integration account
	 * may only read, as the ACLs of an instance let an account with itil and
	 * rest_api_explorer read records but not change users, groups or roles
	 */
	SimResponse handle(SimRequest request, Caller caller, List<String> warnings) {
		Optional<TableRoute> found = TableRoute.parse(request.path());
		if (found.isEmpty()) {
			return SimResponse.error(400, "Requested URI does not represent any resource: " + request.path(), null);
		}
		TableRoute route = found.get();
		try {
			TableSchema.Table table = TableSchema.table(route.table(), store.identityTypeField())
				.orElseThrow(() -> ServiceNowError.invalidTable(route.table()));
			String method = request.method();
			if (route.sysId() == null) {
				return switch (method) {
					case "GET" -> list(request, route, table, warnings);
					case "POST" -> insert(request, route, table, mayWrite(caller, "Insert"), warnings);
					default -> methodNotSupported(method);
				};
			}
			return switch (method) {
				case "GET" -> get(request, table, route.sysId(), warnings);
				case "PUT", "PATCH" -> update(request, table, route.sysId(), mayWrite(caller, "Update"), warnings);
				case "DELETE" -> delete(request, table, route.sysId(), mayWrite(caller, "Delete"), warnings);
				default -> methodNotSupported(method);
			};
		}
		catch (ServiceNowError error) {
			return error.toResponse();
		}
	}

	private SimResponse list(SimRequest request, TableRoute route, TableSchema.Table table, List<String> warnings) {
		EncodedQuery query = EncodedQuery.parse(request.param("sysparm_query"), table, warnings);
		List<RecordRenderer.Selected> fields = RecordRenderer.selectFields(request.param("sysparm_fields"), table,
				warnings);
		int limit = intParam(request, "sysparm_limit", DEFAULT_LIMIT, 1);
		int offset = intParam(request, "sysparm_offset", 0, 0);
		Page page = store.read(tables -> {
			RecordRenderer renderer = renderer(tables, request);
			// An equality on an indexed field (user_name=, user=, ...) narrows the rows
			// first, as on an instance.
			Collection<Map<String, String>> candidates = query.narrowingEqualities()
				.stream()
				.filter(equality -> Tables.INDEXED_FIELDS.getOrDefault(table.name(), List.of())
					.contains(equality.field()))
				.findFirst()
				.<Collection<Map<String, String>>>map(
						equality -> tables.where(table.name(), equality.field(), equality.values()))
				.orElseGet(() -> tables.all(table.name()));
			List<Map<String, String>> matches = query.sorted(tables,
					candidates.stream().filter(record -> query.matches(tables, record)).toList());
			List<Map<String, Object>> rows = matches.stream()
				.skip(offset)
				.limit(limit)
				.map(record -> renderer.render(table, record, fields))
				.toList();
			return new Page(rows, matches.size());
		});
		if (page.rows().isEmpty() && route.version().equals("v1")) {
			// The v1 quirk: an empty result is a 404, indistinguishable by status from a
			// wrong table path.
			return SimResponse.error(404, "No Record found",
					"Records matching query not found. Check query parameter or offending query parameter");
		}
		SimResponse response = SimResponse.json(200, Map.of("result", page.rows()))
			.withHeader("Link", links(request, route, limit, offset, page.total()));
		if (!request.flag("sysparm_no_count")) {
			response = response.withHeader("X-Total-Count", Integer.toString(page.total()));
		}
		return response;
	}

	private SimResponse get(SimRequest request, TableSchema.Table table, String sysId, List<String> warnings) {
		List<RecordRenderer.Selected> fields = RecordRenderer.selectFields(request.param("sysparm_fields"), table,
				warnings);
		Map<String, Object> record = store
			.read(tables -> tables.get(table.name(), sysId)
				.map(found -> renderer(tables, request).render(table, found, fields)))
			.orElseThrow(ServiceNowError::noRecord);
		return SimResponse.json(200, Map.of("result", record));
	}

	/** The caller, when it may write; otherwise the refusal an instance's ACLs give. */
	private static Caller mayWrite(Caller caller, String operation) {
		if (!caller.mayWrite()) {
			throw new ServiceNowError(403, "Operation Failed",
					"ACL Exception " + operation + " Failed due to security constraints");
		}
		return caller;
	}

	private SimResponse insert(SimRequest request, TableRoute route, TableSchema.Table table, Caller caller,
			List<String> warnings) {
		Map<String, String> input = parseBody(request.body());
		List<RecordRenderer.Selected> fields = RecordRenderer.selectFields(request.param("sysparm_fields"), table,
				warnings);
		BusinessRules.WriteContext context = writeContext(request, caller, warnings);
		Rendered created = store.write(tables -> {
			Map<String, String> record = BusinessRules.insert(tables, table, input, context);
			return new Rendered(record.get("sys_id"), renderer(tables, request).render(table, record, fields));
		});
		return SimResponse.json(201, Map.of("result", created.body()))
			.withHeader("Location", request.instanceUrl() + "/api/now/table/" + table.name() + "/" + created.sysId());
	}

	private SimResponse update(SimRequest request, TableSchema.Table table, String sysId, Caller caller,
			List<String> warnings) {
		Map<String, String> input = parseBody(request.body());
		List<RecordRenderer.Selected> fields = RecordRenderer.selectFields(request.param("sysparm_fields"), table,
				warnings);
		BusinessRules.WriteContext context = writeContext(request, caller, warnings);
		Map<String, Object> updated = store.write(tables -> {
			Map<String, String> record = BusinessRules.update(tables, table, sysId, input, context);
			return renderer(tables, request).render(table, record, fields);
		});
		return SimResponse.json(200, Map.of("result", updated));
	}

	private SimResponse delete(SimRequest request, TableSchema.Table table, String sysId, Caller caller,
			List<String> warnings) {
		BusinessRules.WriteContext context = writeContext(request, caller, warnings);
		store.write(tables -> {
			BusinessRules.delete(tables, table, sysId, context);
			return null;
		});
		return SimResponse.empty(204);
	}

	private BusinessRules.WriteContext writeContext(SimRequest request, Caller caller, List<String> warnings) {
		return new BusinessRules.WriteContext(caller.userName(), false, request.flag("sysparm_input_display_value"),
				store.now(), warnings);
	}

	private static RecordRenderer renderer(Tables tables, SimRequest request) {
		return new RecordRenderer(tables, request.instanceUrl(),
				RecordRenderer.DisplayMode.of(request.param("sysparm_display_value")),
				request.flag("sysparm_exclude_reference_link"));
	}

	private static SimResponse methodNotSupported(String method) {
		return SimResponse.error(405, "Method not Supported",
				"HTTP method " + method + " is not supported for this resource");
	}

	/**
	 * Every value becomes a string, as the instance stores it: true becomes "true", null
	 * becomes "".
	 */
	private static Map<String, String> parseBody(byte[] body) {
		if (body == null || body.length == 0) {
			throw ServiceNowError.unreadableBody("The request body is empty.");
		}
		JsonNode node;
		try {
			node = SimulatorJson.MAPPER.readTree(body);
		}
		catch (IOException e) {
			throw ServiceNowError.unreadableBody("The payload is not valid JSON.");
		}
		if (node == null || !node.isObject()) {
			throw ServiceNowError.unreadableBody("The payload is not a JSON object.");
		}
		Map<String, String> input = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			JsonNode value = field.getValue();
			String text;
			if (value.isNull()) {
				text = "";
			}
			else if (value.isValueNode()) {
				text = value.asText();
			}
			else if (value.isObject() && value.has("value")) {
				text = value.get("value").asText();
			}
			else {
				text = value.toString();
			}
			input.put(field.getKey(), text);
		}
		return input;
	}

	private static int intParam(SimRequest request, String name, int defaultValue, int minimum) {
		String value = request.param(name);
		try {
			int parsed = value == null ? defaultValue : Integer.parseInt(value.trim());
			return parsed < minimum ? defaultValue : parsed;
		}
		catch (NumberFormatException e) {
			return defaultValue;
		}
	}

	/**
	 * first, prev, next (only when there is more) and last; on the first page prev points
	 * at offset -1.
	 */
	private static String links(SimRequest request, TableRoute route, int limit, int offset, int total) {
		String base = request.instanceUrl() + route.collectionPath() + "?" + queryWithoutPaging(request);
		int last = total == 0 ? 0 : (total - 1) / limit * limit;
		List<String> links = new ArrayList<>();
		links.add(link(base, 0, limit, "first"));
		links.add(link(base, offset == 0 ? -1 : Math.max(0, offset - limit), limit, "prev"));
		if (offset + limit < total) {
			links.add(link(base, offset + limit, limit, "next"));
		}
		links.add(link(base, last, limit, "last"));
		return String.join(",", links);
	}

	/**
	 * The request's parameters but sysparm_offset and sysparm_limit, each followed by
	 * '&amp;'.
	 */
	private static String queryWithoutPaging(SimRequest request) {
		StringBuilder query = new StringBuilder();
		request.params().forEach((name, values) -> {
			if (!name.equals("sysparm_offset") && !name.equals("sysparm_limit")) {
				values.forEach(value -> query.append(encode(name)).append('=').append(encode(value)).append('&'));
			}
		});
		return query.toString();
	}

	private static String link(String baseWithQuery, int offset, int limit, String rel) {
		return "<" + baseWithQuery + "sysparm_limit=" + limit + "&sysparm_offset=" + offset + ">;rel=\"" + rel + "\"";
	}

	private static String encode(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == '*';
			if (!plain) {
				return URLEncoder.encode(text, StandardCharsets.UTF_8);
			}
		}
		// What URLEncoder leaves alone anyway; most names and values are like this.
		return text;
	}

}
