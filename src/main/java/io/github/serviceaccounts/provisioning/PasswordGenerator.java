package io.github.serviceaccounts.provisioning;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Strong one-time passwords: 24 characters from a 70-character alphabet (about 147 bits),
 * with at least one of each class so that ServiceNow's password policies accept it.
 * Returned as a char array so the caller can wipe it.
 */
@Component
class PasswordGenerator {

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String DIGITS = "23456789";

	// No quotes, backslash, '^', '=' or '&': nothing that a careless consumer could
	// misread.
	private static final String SYMBOLS = "!#%*+-.:?@_~";

	private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;
	static final int LENGTH = 24;

	private final SecureRandom random = new SecureRandom();

	char[] generate() {
		char[] password = new char[LENGTH];
		String[] classes = { LOWER, UPPER, DIGITS, SYMBOLS };
		for (int i = 0; i < password.length; i++) {
			String alphabet = i < classes.length ? classes[i] : ALL;
			password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
		}
		// Shuffle so the guaranteed classes are not always in front.
		for (int i = password.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			char swap = password[i];
			password[i] = password[j];
			password[j] = swap;
		}
		return password;
	}

}
