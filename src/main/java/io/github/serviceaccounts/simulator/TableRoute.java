package io.github.serviceaccounts.simulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Table API path: unversioned, v1 or v2, a table and maybe a sys_id.
 *
 * @param version "", "v1" or "v2"
 * @param sysId null for the collection
 */
record TableRoute(String version, String table, String sysId) {

	private static final Pattern PATH = Pattern.compile("^/api/now/(?:(v1|v2)/)?table/([^/]+)(?:/([^/]+))?/?$");

	static Optional<TableRoute> parse(String path) {
		Matcher matcher = PATH.matcher(path);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		return Optional
			.of(new TableRoute(matcher.group(1) == null ? "" : matcher.group(1), matcher.group(2), matcher.group(3)));
	}

	String collectionPath() {
		return "/api/now/" + (version.isEmpty() ? "" : version + "/") + "table/" + table;
	}
}
