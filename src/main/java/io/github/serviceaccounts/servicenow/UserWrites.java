package io.github.serviceaccounts.servicenow;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * What {@link ServiceNowClient} may write to {@code sys_user}, and in what form. Kept in
 * one place so that the rules that keep a write off a person's account can be read
 * together: only service accounts with an owner are created or changed, only plain fields
 * with checked values are written, and the password is encoded without ever becoming a
 * String.
 */
final class UserWrites {

	private static final Pattern WRITABLE_FIELD = Pattern.compile("[a-z][a-z0-9_]*");

	private final ServiceAccountPolicy policy;

	UserWrites(ServiceAccountPolicy policy) {
		this.policy = Objects.requireNonNull(policy, "policy");
	}

	/**
	 * The fields of a new user, active and still allowed into the UI.
	 * @param name the user name, already validated
	 * @throws UnsafeWriteException for anything but a service account with an owner
	 */
	Map<String, String> newUser(String name, NewServiceNowUser user) {
		if (!this.policy.hasPrefix(name) || user.managerSysId() == null) {
			throw new UnsafeWriteException("Refused to create sys_user '" + name + "': this application creates only "
					+ "service accounts, whose user name starts with " + this.policy.accountPrefix()
					+ " and which have an owner (manager)");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("user_name", name);
		putIfPresent(fields, "first_name", user.firstName());
		putIfPresent(fields, "last_name", user.lastName());
		putIfPresent(fields, "email", user.email());
		if (user.managerSysId() != null) {
			fields.put("manager", QueryValues.sysId("managerSysId", user.managerSysId()));
		}
		fields.put("active", "true");
		fields.put("web_service_access_only", "false");
		return fields;
	}

	/**
	 * Every rule that keeps this application from writing to the user as read, in the
	 * words of the refusal; empty when the user is a service account of ours, named as
	 * expected and owned by the expected owner.
	 */
	List<String> brokenRules(ServiceNowUser account, String createdBy, Optional<ServiceNowUser> manager,
			String expected, String owner) {
		List<String> broken = new ArrayList<>();
		if (!this.policy.hasPrefix(account.userName())) {
			broken.add("its user name does not start with " + this.policy.accountPrefix()
					+ ", so it is not a service account");
		}
		if (!expected.equalsIgnoreCase(account.userName())) {
			broken.add("it is not " + expected);
		}
		if (!this.policy.createdByUs(createdBy)) {
			broken.add("it was created by '" + createdBy + "', not by this application ("
					+ this.policy.integrationUser() + ")");
		}
		if (manager.isEmpty() || !owner.equalsIgnoreCase(manager.get().userName())) {
			broken.add("its owner (manager) is "
					+ manager.map(ServiceNowUser::userName).map(name -> "'" + name + "'").orElse("nobody") + ", not "
					+ owner);
		}
		return broken;
	}

	/**
	 * Every rule that keeps this application from governing the user as read, in the
	 * words of the refusal; empty when it is the account expected, owned by one of the
	 * accepted owners (or by nobody, when that is accepted) and a service account by
	 * ServiceNow's own record.
	 * @param inServiceAccountGroup asked only when nothing else shows a service account,
	 * as it costs a call
	 */
	List<String> brokenGovernedRules(ServiceNowUser account, String createdBy, Optional<ServiceNowUser> manager,
			boolean managerGone, String expected, Collection<String> acceptedOwners, boolean acceptNoOwner,
			BooleanSupplier inServiceAccountGroup) {
		List<String> broken = new ArrayList<>();
		if (!expected.equalsIgnoreCase(account.userName())) {
			broken.add("it is not " + expected);
		}
		if (this.policy.isIntegrationUser(account.userName())) {
			broken.add("it is the integration user this application signs in as, which it never governs");
		}
		if (manager.isPresent()) {
			String owner = manager.get().userName();
			if (acceptedOwners.stream().filter(Objects::nonNull).noneMatch(owner::equalsIgnoreCase)) {
				broken.add("its owner (manager) is '" + owner + "', not one of " + acceptedOwners);
			}
		}
		else if (!acceptNoOwner) {
			broken.add("it has " + (managerGone ? "lost its owner (the manager record is gone)" : "no owner (manager)")
					+ " and an account without one is not accepted here");
		}
		boolean serviceAccount = this.policy.createdByUs(createdBy)
				|| "machine".equalsIgnoreCase(account.identityType()) || account.webServiceAccessOnly()
				|| inServiceAccountGroup.getAsBoolean();
		if (!serviceAccount) {
			broken.add("nothing shows it is a service account (not created by " + this.policy.integrationUser()
					+ ", identity type not machine, not web service access only, not in the service account group)");
		}
		return broken;
	}

	/**
	 * The changes to a user as they may be sent: no system field, no password, checked
	 * references.
	 */
	static Map<String, String> changes(Map<String, String> fields) {
		Map<String, String> changes = new LinkedHashMap<>();
		fields.forEach((field, value) -> changes.put(writableField(field), writableValue(field, value)));
		return changes;
	}

	private static void putIfPresent(Map<String, String> fields, String field, String value) {
		if (value != null) {
			fields.put(field, value);
		}
	}

	private static String writableField(String field) {
		if (field == null || !WRITABLE_FIELD.matcher(field).matches() || field.startsWith("sys_")) {
			throw new IllegalArgumentException("'" + field + "' is not a sys_user field this client may write");
		}
		if (field.equals("user_password")) {
			throw new IllegalArgumentException("user_password is written by setPassword only");
		}
		// For SOAP and MID server traffic only; REST does not need it, and it exempts the
		// account from
		// controls a service account should stay under.
		if (field.equals("internal_integration_user")) {
			throw new IllegalArgumentException(
					"internal_integration_user is never written: REST accounts do not need it");
		}
		return field;
	}

	private static String writableValue(String field, String value) {
		if (value == null) {
			throw new IllegalArgumentException(field + ": use \"\" to clear a field, not null");
		}
		if (field.equals("user_name")) {
			return QueryValues.userName("user_name", value);
		}
		if (field.equals("manager") && !value.isEmpty()) {
			return QueryValues.sysId("manager", value);
		}
		return value;
	}

	/**
	 * {@code {"user_password":"...","password_needs_reset":"true"}} as UTF-8, built
	 * without ever turning the password into a String (Strings cannot be wiped). The
	 * intermediate buffers are zeroed here; the returned array is zeroed by the caller
	 * once the request is sent.
	 */
	static byte[] passwordBody(char[] password) {
		String prefix = "{\"user_password\":\"";
		String suffix = "\",\"password_needs_reset\":\"true\"}";
		char[] chars = new char[prefix.length() + password.length * 6 + suffix.length()];
		ByteBuffer bytes = ByteBuffer.allocate(chars.length * 3);
		try {
			prefix.getChars(0, prefix.length(), chars, 0);
			int length = prefix.length();
			for (char c : password) {
				if (c == '"' || c == '\\') {
					chars[length++] = '\\';
					chars[length++] = c;
				}
				else if (c < 0x20) {
					String hex = "0123456789abcdef";
					chars[length++] = '\\';
					chars[length++] = 'u';
					chars[length++] = '0';
					chars[length++] = '0';
					chars[length++] = hex.charAt(c >> 4);
					chars[length++] = hex.charAt(c & 0xf);
				}
				else {
					chars[length++] = c;
				}
			}
			suffix.getChars(0, suffix.length(), chars, length);
			length += suffix.length();
			CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			CoderResult result = encoder.encode(CharBuffer.wrap(chars, 0, length), bytes, true);
			if (result.isError()) {
				throw new IllegalArgumentException("The password contains an unpaired UTF-16 surrogate");
			}
			encoder.flush(bytes);
			return Arrays.copyOf(bytes.array(), bytes.position());
		}
		finally {
			Arrays.fill(chars, '\0');
			Arrays.fill(bytes.array(), (byte) 0);
		}
	}

}
