package io.github.serviceaccounts.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the simulator keeps of a password: enough to check a login, nothing to read. */
class PasswordHashTests {

	@Test
	void theRightPasswordMatchesAndNothingElseDoes() {
		String hash = PasswordHash.of("Xk3#vP9!qL2$wR7m:colon");

		assertThat(PasswordHash.matches(hash, "Xk3#vP9!qL2$wR7m:colon")).isTrue();
		assertThat(PasswordHash.matches(hash, "Xk3#vP9!qL2$wR7m:colo")).isFalse();
		assertThat(PasswordHash.matches(hash, "")).isFalse();
		assertThat(PasswordHash.matches(hash, null)).isFalse();
	}

	@Test
	void theHashIsSaltedAndHoldsNoPassword() {
		String first = PasswordHash.of("Same-Password-1");
		String second = PasswordHash.of("Same-Password-1");

		assertThat(first).isNotEqualTo(second).startsWith("pbkdf2-sha256$10000$").doesNotContain("Same-Password-1");
		assertThat(PasswordHash.matches(second, "Same-Password-1")).isTrue();
	}

	@Test
	void aMissingOrDamagedHashMatchesNothing() {
		String hash = PasswordHash.of("Damaged-1");

		assertThat(PasswordHash.matches(null, "Damaged-1")).isFalse();
		assertThat(PasswordHash.matches("", "")).isFalse();
		assertThat(PasswordHash.matches(hash.replace("pbkdf2-sha256", "md5"), "Damaged-1")).isFalse();
		assertThat(PasswordHash.matches(hash.substring(0, hash.lastIndexOf('$')) + "$not*base64", "Damaged-1"))
			.isFalse();
	}

}
