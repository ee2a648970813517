package io.github.serviceaccounts.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The integration account's basic-auth credentials, compared in constant time. */
final class Credentials {

	private final String username;

	private final String password;

	Credentials(String username, String password) {
		this.username = username;
		this.password = password;
	}

	boolean matches(String candidateUser, String candidatePassword) {
		// Both comparisons always run, so timing does not tell which part was wrong.
		boolean userOk = constantTimeEquals(username, candidateUser);
		boolean passwordOk = constantTimeEquals(password, candidatePassword);
		return userOk && passwordOk;
	}

	boolean matchesBasic(String authorization) {
		String[] decoded = decodeBasic(authorization);
		return decoded != null && matches(decoded[0], decoded[1]);
	}

	/** user and password of a Basic header, or null when it is absent or malformed. */
	static String[] decodeBasic(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return colon < 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
		}
		catch (IllegalArgumentException malformed) {
			return null;
		}
	}

	static boolean constantTimeEquals(String expected, String actual) {
		if (expected == null || actual == null) {
			return false;
		}
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

}
