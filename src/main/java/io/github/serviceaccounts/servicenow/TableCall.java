package io.github.serviceaccounts.servicenow;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.http.HttpMethod;

/**
 * One Table API request as {@link ServiceNowClient} builds it; used from one thread, for
 * one call. Kept apart from the exchange so that what is asked (table, record,
 * parameters, body) and how it is spelled in a URL can be read and checked without any
 * HTTP: every part after the instance URL is percent-encoded here, so no value can change
 * the meaning of the request.
 */
final class TableCall {

	private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

	private final HttpMethod method;

	private final String table;

	private final String sysId;

	private final Map<String, String> params = new LinkedHashMap<>();

	private byte[] body;

	private UnaryOperator<String> scrub = UnaryOperator.identity();

	private TableCall(HttpMethod method, String table, String sysId) {
		this.method = method;
		this.table = table;
		this.sysId = sysId;
		// Bare sys_id strings for references on every call; parsing still copes with the
		// object shapes.
		this.params.put("sysparm_exclude_reference_link", "true");
	}

	static TableCall list(String table) {
		// Counting costs the instance time and we never use X-Total-Count.
		return new TableCall(HttpMethod.GET, table, null).param("sysparm_no_count", "true");
	}

	static TableCall get(String table, String sysId) {
		return new TableCall(HttpMethod.GET, table, sysId);
	}

	static TableCall post(String table) {
		return new TableCall(HttpMethod.POST, table, null);
	}

	static TableCall patch(String table, String sysId) {
		return new TableCall(HttpMethod.PATCH, table, sysId);
	}

	static TableCall delete(String table, String sysId) {
		return new TableCall(HttpMethod.DELETE, table, sysId);
	}

	TableCall query(EncodedQuery query) {
		return param("sysparm_query", query.build());
	}

	TableCall fields(String fields) {
		return param("sysparm_fields", fields);
	}

	TableCall limit(int limit) {
		return param("sysparm_limit", Integer.toString(limit));
	}

	TableCall param(String name, String value) {
		this.params.put(name, value);
		return this;
	}

	TableCall body(byte[] body) {
		this.body = body;
		return this;
	}

	/**
	 * Applied to ServiceNow's error texts, for a call whose body holds a secret the
	 * server might echo.
	 */
	TableCall scrub(UnaryOperator<String> scrub) {
		this.scrub = scrub;
		return this;
	}

	HttpMethod method() {
		return this.method;
	}

	String table() {
		return this.table;
	}

	/** The request body, or {@code null} for none. */
	byte[] body() {
		return this.body;
	}

	UnaryOperator<String> scrub() {
		return this.scrub;
	}

	String operation() {
		return this.method.name() + " " + this.table + ((this.sysId != null) ? "/" + this.sysId : "");
	}

	/**
	 * @param instanceUrl the instance URL without a trailing slash
	 */
	URI uri(String instanceUrl) {
		StringBuilder url = new StringBuilder(160).append(instanceUrl)
			.append("/api/now/v2/table/")
			.append(percentEncoded(this.table));
		if (this.sysId != null) {
			url.append('/').append(percentEncoded(this.sysId));
		}
		char separator = '?';
		for (Map.Entry<String, String> param : this.params.entrySet()) {
			url.append(separator)
				.append(percentEncoded(param.getKey()))
				.append('=')
				.append(percentEncoded(param.getValue()));
			separator = '&';
		}
		try {
			return new URI(url.toString());
		}
		catch (URISyntaxException ex) {
			// Everything after the instance URL is encoded above, so only the configured
			// URL can be at fault.
			throw new IllegalStateException("servicenow.base-url is not a valid URL (" + ex.getReason() + ")");
		}
	}

	/**
	 * Every byte of the value's UTF-8 form except the unreserved characters of RFC 3986
	 * as {@code %XX}: the '^' and '=' of an encoded query, '&amp;', '+', '#', '/' and
	 * spaces all reach ServiceNow as data.
	 */
	static String percentEncoded(String value) {
		int length = value.length();
		int plain = 0;
		while (plain < length && isUnreserved(value.charAt(plain))) {
			plain++;
		}
		if (plain == length) {
			return value;
		}
		StringBuilder encoded = new StringBuilder(length + 16).append(value, 0, plain);
		for (byte b : value.substring(plain).getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if (isUnreserved(c)) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(UPPER_HEX.toHexDigits(b));
			}
		}
		return encoded.toString();
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
