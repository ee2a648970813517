package io.github.serviceaccounts.servicenow;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Allow-list validation for every value that goes into a ServiceNow encoded query. The
 * grammar has no documented escape for {@code ^}, so {@code x^NQactive=true} would turn a
 * lookup into "everything", and a value starting with {@code javascript:} is executed on
 * the server. Character classes are ASCII on purpose: Unicode look-alikes of letters or
 * of {@code ^} are refused, not normalised.
 */
public final class QueryValues {

	static final String SYS_ID_RULE = "32 lowercase hexadecimal characters";

	static final String USER_NAME_RULE = "letters, digits, '.', '_', '@', '-', 1 to 40 characters";

	static final String GROUP_NAME_RULE = "starts with a letter or digit, then letters, digits, spaces, "
			+ "'.', '_', '(', ')', '&', '-', 1 to 80 characters, never 'javascript'";

	static final String ANY_RULE = "letters, digits, spaces, '.', '_', '@', '(', ')', '&', '-', 1 to 80 characters, "
			+ "no leading or trailing space, never 'javascript'";

	private static final Pattern SYS_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,40}");

	private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()&-]{0,79}");

	// The union of the patterns above: what EncodedQuery accepts when it re-checks a
	// value.
	private static final Pattern ANY = Pattern
		.compile("[A-Za-z0-9._@()&-]([A-Za-z0-9 ._@()&-]{0,78}[A-Za-z0-9._@()&-])?");

	private static final int SHOWN_LENGTH = 60;

	private QueryValues() {
	}

	/** A sys_id: {@code ^[0-9a-f]{32}$}. */
	public static String sysId(String field, String value) {
		return check(field, value, SYS_ID, SYS_ID_RULE);
	}

	/** A person's or an account's user name: {@code ^[A-Za-z0-9._@-]{1,40}$}. */
	public static String userName(String field, String value) {
		return check(field, value, USER_NAME, USER_NAME_RULE);
	}

	/** A group name: {@code ^[A-Za-z0-9][A-Za-z0-9 ._()&-]{0,79}$}. */
	public static String groupName(String field, String value) {
		return check(field, value, GROUP_NAME, GROUP_NAME_RULE);
	}

	static boolean isSysId(String value) {
		return value != null && SYS_ID.matcher(value).matches();
	}

	/**
	 * Accepts anything that one of the public checks would accept; used to re-check
	 * values in {@link EncodedQuery}.
	 */
	static String anyValue(String field, String value) {
		return check(field, value, ANY, ANY_RULE);
	}

	private static String check(String field, String value, Pattern pattern, String rule) {
		if (value == null) {
			throw new InvalidQueryValueException(field, rule,
					field + ": a value is required in a ServiceNow query (rule: " + rule + ")");
		}
		// The explicit checks repeat what the patterns already refuse, so that loosening
		// a pattern
		// later cannot let the query operators or server-side scripts through.
		String lower = value.toLowerCase(Locale.ROOT);
		boolean forbidden = value.indexOf('^') >= 0 || value.indexOf('=') >= 0 || lower.contains("javascript");
		if (forbidden || !pattern.matcher(value).matches()) {
			throw new InvalidQueryValueException(field, rule,
					field + ": '" + shown(value) + "' is not allowed in a ServiceNow query (rule: " + rule + ")");
		}
		return value;
	}

	// Keeps messages one line and readable when the value is long or holds control
	// characters.
	private static String shown(String value) {
		StringBuilder shown = new StringBuilder();
		int end = Math.min(value.length(), SHOWN_LENGTH);
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				shown.append(String.format("\\u%04x", (int) c));
			}
			else {
				shown.append(c);
			}
		}
		if (value.length() > SHOWN_LENGTH) {
			shown.append("...");
		}
		return shown.toString();
	}

}
