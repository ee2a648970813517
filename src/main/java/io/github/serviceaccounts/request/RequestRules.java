package io.github.serviceaccounts.request;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The rules of the start form, checked on the server whatever the form said. The same
 * rules run at the start, at "Check request" and when a revision or an access request is
 * submitted.
 */
@Component
public class RequestRules {

	// The account name's rule, the one place it is written. The forms check the
	// characters and the length
	// as you type (FormContractTests holds them to this rule); the prefix is
	// configurable, so only this class checks it.
	static final String ACCOUNT_NAME_CHARACTERS = "[a-z0-9._-]+";
	static final int ACCOUNT_NAME_MIN_LENGTH = 3;
	static final int ACCOUNT_NAME_MAX_LENGTH = 40;

	private static final Pattern ACCOUNT_NAME = Pattern.compile(ACCOUNT_NAME_CHARACTERS);

	// A simple, strict address shape (no leading, trailing or doubled dots in the local
	// part).
	private static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9_%+-]+(\\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}");

	private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()&-]{0,79}");

	private final String prefix;

	private final String defaultGroup;

	private final Map<String, String> grantableByLowerCase;

	public RequestRules(ServiceAccountsProperties properties) {
		this.prefix = properties.accountPrefix();
		if (!ACCOUNT_NAME.matcher(prefix).matches()) {
			throw new IllegalArgumentException("serviceaccounts.account-prefix: '" + prefix
					+ "' must consist of lowercase letters, digits, '.', '_' or '-'");
		}
		this.defaultGroup = properties.defaultGroup();
		var grantable = new LinkedHashMap<String, String>();
		for (String group : properties.grantableGroups()) {
			if (!GROUP_NAME.matcher(group).matches()) {
				throw new IllegalArgumentException("serviceaccounts.grantable-groups: '" + group
						+ "' is not a usable group name (letters, digits, space, . _ ( ) & -, at most 80)");
			}
			grantable.put(group.toLowerCase(Locale.ROOT), group);
		}
		this.grantableByLowerCase = Map.copyOf(grantable);
	}

	public String defaultGroup() {
		return defaultGroup;
	}

	public List<String> grantableGroups() {
		return List.copyOf(grantableByLowerCase.values());
	}

	/**
	 * Checks the start form's fields; returns the normalised request or throws with every
	 * violation.
	 */
	public ServiceAccountRequest validate(Map<String, Object> fields) {
		List<Violation> violations = new ArrayList<>();
		String accountUserName = text(fields, RequestVariables.ACCOUNT_USER_NAME.name(), violations).orElse(null);
		String displayName = text(fields, RequestVariables.DISPLAY_NAME.name(), violations).orElse(null);
		String purpose = text(fields, RequestVariables.PURPOSE.name(), violations).orElse(null);
		String accountEmail = text(fields, RequestVariables.ACCOUNT_EMAIL.name(), violations).orElse(null);
		String groups = text(fields, RequestVariables.ADDITIONAL_GROUPS.name(), violations).orElse(null);

		checkAccountUserName(accountUserName, violations);
		checkPrintable(RequestVariables.DISPLAY_NAME.name(), displayName, 2, 80, false, violations);
		checkPrintable(RequestVariables.PURPOSE.name(), purpose, 10, 2000, true, violations);
		if (accountEmail != null && (accountEmail.length() > 254 || !EMAIL.matcher(accountEmail).matches())) {
			violations.add(new Violation(RequestVariables.ACCOUNT_EMAIL.name(),
					"must be a valid e-mail address such as team@example.com"));
		}
		List<String> additionalGroups = groupList(RequestVariables.ADDITIONAL_GROUPS.name(), groups, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return new ServiceAccountRequest(accountUserName, displayName.strip(), purpose.strip(), accountEmail,
				additionalGroups);
	}

	/**
	 * Checks a comma-separated list of extra groups (additionalGroups, requestedGroups).
	 */
	public List<String> validateGroups(String field, Object value) {
		List<Violation> violations = new ArrayList<>();
		String groups = text(Map.of(field, value == null ? "" : value), field, violations).orElse(null);
		List<String> result = groupList(field, groups, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return result;
	}

	private void checkAccountUserName(String value, List<Violation> violations) {
		String field = RequestVariables.ACCOUNT_USER_NAME.name();
		if (value == null) {
			violations.add(new Violation(field, "is required"));
			return;
		}
		if (value.length() < ACCOUNT_NAME_MIN_LENGTH || value.length() > ACCOUNT_NAME_MAX_LENGTH) {
			violations.add(new Violation(field, "must be " + ACCOUNT_NAME_MIN_LENGTH + " to " + ACCOUNT_NAME_MAX_LENGTH
					+ " characters long (it has " + value.length() + ")"));
		}
		if (!ACCOUNT_NAME.matcher(value).matches()) {
			violations.add(new Violation(field, "may contain only lowercase letters, digits, '.', '_' and '-'"));
		}
		if (!value.startsWith(prefix)) {
			// The forms cannot know the configured prefix, so this message is where a
			// person first learns it.
			violations.add(new Violation(field, "must start with '" + prefix
					+ "', the prefix of every service account name here (for example " + prefix + "jira_sync)"));
		}
		else if (value.length() == prefix.length()) {
			violations.add(new Violation(field, "needs a name after the prefix '" + prefix + "'"));
		}
	}

	private static void checkPrintable(String field, String value, int min, int max, boolean multiLine,
			List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation(field, "is required"));
			return;
		}
		String stripped = value.strip();
		int length = stripped.codePointCount(0, stripped.length());
		if (length < min || length > max) {
			violations.add(
					new Violation(field, "must be " + min + " to " + max + " characters long (it has " + length + ")"));
		}
		// The whole value, not the stripped one: control characters at either end are
		// refused too.
		boolean printable = value.codePoints()
			.allMatch(c -> multiLine && (c == '\n' || c == '\r' || c == '\t')
					|| !(Character.isISOControl(c) || isInvisible(c)));
		if (!printable) {
			violations.add(new Violation(field, multiLine ? "may contain only printable characters and line breaks"
					: "may contain only printable characters on one line"));
		}
	}

	private static boolean isInvisible(int c) {
		int type = Character.getType(c);
		return type == Character.FORMAT || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
				|| type == Character.SURROGATE || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR;
	}

	private List<String> groupList(String field, String groups, List<Violation> violations) {
		Set<String> result = new LinkedHashSet<>();
		for (String group : GroupList.parse(groups)) {
			String canonical = grantableByLowerCase.get(group.toLowerCase(Locale.ROOT));
			if (group.equalsIgnoreCase(defaultGroup)) {
				continue; // every account gets the default group anyway
			}
			if (canonical == null) {
				violations.add(new Violation(field, "'" + abbreviate(group) + "' is not a grantable group (grantable: "
						+ (grantableByLowerCase.isEmpty() ? "none" : String.join(", ", grantableGroups())) + ")"));
			}
			else {
				result.add(canonical);
			}
		}
		return List.copyOf(result);
	}

	private static Optional<String> text(Map<String, Object> fields, String field, List<Violation> violations) {
		Object value = fields.get(field);
		if (value == null) {
			return Optional.empty();
		}
		if (!(value instanceof String text)) {
			violations.add(new Violation(field, "must be text, not " + kindOf(value)));
			return Optional.empty();
		}
		// Tasklist submits an empty optional field as "": that means "not given".
		return text.isBlank() ? Optional.empty() : Optional.of(text);
	}

	/** What a value that is not text is, in a person's words. */
	private static String kindOf(Object value) {
		if (value instanceof Boolean) {
			return "true/false";
		}
		if (value instanceof Number) {
			return "a number";
		}
		if (value instanceof Date) {
			return "a date";
		}
		return "another kind of value";
	}

	private static String abbreviate(String value) {
		return Violation.quoted(value);
	}

}
