package io.github.serviceaccounts.simulator;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What the simulated instance keeps of a user's password: a salted PBKDF2 hash, so that a
 * login can be checked while neither the state file nor {@code GET /state} ever holds the
 * password itself. Format {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, Base64.
 */
final class PasswordHash {

	private static final String PREFIX = "pbkdf2-sha256";

	/**
	 * Enough to make a stolen state file no shortcut, few enough that a login costs a few
	 * milliseconds: the simulator checks the password on every call an account makes.
	 */
	private static final int ITERATIONS = 10_000;

	private static final int SALT_BYTES = 16;

	private static final int HASH_BITS = 256;

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Compared against when the user does not exist or has no password, so that the
	 * answer takes as long as for a wrong password and does not tell which user names
	 * exist.
	 */
	private static final String DECOY = of("decoy password that matches nothing");

	private PasswordHash() {
	}

	static String of(String password) {
		byte[] salt = new byte[SALT_BYTES];
		RANDOM.nextBytes(salt);
		Base64.Encoder base64 = Base64.getEncoder();
		return PREFIX + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
				+ base64.encodeToString(derive(password, salt, ITERATIONS));
	}

	/**
	 * Whether the candidate is the password the hash was made from, compared in constant
	 * time. A null or unreadable hash matches nothing, after the same work as a real
	 * comparison.
	 */
	static boolean matches(String hash, String candidate) {
		String[] parts = hash == null ? null : hash.split("\\$", -1);
		boolean readable = parts != null && parts.length == 4 && parts[0].equals(PREFIX)
				&& parts[1].matches("[1-9][0-9]{0,6}");
		if (!readable || candidate == null) {
			matches(DECOY, "decoy");
			return false;
		}
		try {
			byte[] salt = Base64.getDecoder().decode(parts[2]);
			byte[] expected = Base64.getDecoder().decode(parts[3]);
			return MessageDigest.isEqual(expected, derive(candidate, salt, Integer.parseInt(parts[1])));
		}
		catch (IllegalArgumentException unreadable) {
			return false;
		}
	}

	private static byte[] derive(String password, byte[] salt, int iterations) {
		char[] chars = password.toCharArray();
		PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
		try {
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
		}
		finally {
			Arrays.fill(chars, '\0');
			spec.clearPassword();
		}
	}

}
