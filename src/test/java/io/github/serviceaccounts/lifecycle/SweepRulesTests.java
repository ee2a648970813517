package io.github.serviceaccounts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.servicenow.ServiceNowUser;

class SweepRulesTests {

	static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");

	final SweepRules rules = new SweepRules(Duration.ofDays(90));

	static GovernedAccount governed(String owner, Instant lastReviewedAt) {
		return new GovernedAccount("lifecycle-1", "svc_jira", "a".repeat(32), owner, false, lastReviewedAt);
	}

	static ServiceNowUser account(String lastLogin, String createdOn) {
		return new ServiceNowUser("a".repeat(32), "svc_jira", "Jira", "Sync", null, "b".repeat(32), true, false, true,
				false, lastLogin, "machine", createdOn);
	}

	static ServiceNowUser person(String userName, boolean active) {
		return new ServiceNowUser("b".repeat(32), userName, "Alice", "Example", null, null, active, false, false, false,
				null, null, null);
	}

	@Test
	void anActiveManagerWhoIsTheOwnerAndARecentLoginNeedNothing() {
		assertThat(rules.judge(governed("alice", null), account("2026-11-30 10:00:00", "2020-01-01 00:00:00"),
				Optional.of(person("alice", true)), false, NOW))
			.isEqualTo(SweepRules.Finding.NOTHING);
	}

	@Test
	void theOwnerLeftWhenTheManagerIsInactiveGoneMissingOrSomeoneElse() {
		ServiceNowUser used = account("2026-11-30 10:00:00", null);
		assertThat(rules.judge(governed("alice", null), used, Optional.of(person("alice", false)), false, NOW).reason())
			.isEqualTo("its manager alice is inactive in ServiceNow");
		assertThat(rules.judge(governed("alice", null), used, Optional.empty(), true, NOW).reason())
			.isEqualTo("its manager " + "b".repeat(32) + " is gone from ServiceNow");
		assertThat(rules.judge(governed("alice", null), used, Optional.empty(), false, NOW).reason())
			.isEqualTo("it has no manager in ServiceNow");
		assertThat(rules.judge(governed("alice", null), used, Optional.of(person("bob", true)), false, NOW).reason())
			.isEqualTo("its manager in ServiceNow is bob, not its owner alice");
		assertThat(rules.judge(governed("alice", null), used, Optional.of(person("bob", true)), false, NOW).kind())
			.isEqualTo(SweepRules.Kind.OWNER_LEFT);
	}

	@Test
	void ownerNamesCompareWithoutCase() {
		assertThat(rules.ownerLeft(governed("Alice", null), account(null, null), Optional.of(person("alice", true)),
				false))
			.isEmpty();
	}

	@Test
	void anAccountUnusedForLongerThanTheLimitAndNotReviewedSinceIsUnused() {
		SweepRules.Finding finding = rules.judge(governed("alice", null), account("2026-09-05 01:59:59", null),
				Optional.of(person("alice", true)), false, NOW);
		assertThat(finding.kind()).isEqualTo(SweepRules.Kind.UNUSED);
		assertThat(finding.reason())
			.isEqualTo("last used 2026-09-05 01:59:59 UTC, more than 90 days ago, never reviewed");
	}

	@Test
	void exactlyAtTheLimitIsStillInUse() {
		assertThat(rules.unused(governed("alice", null), account("2026-09-06 02:00:00", null), NOW)).isEmpty();
	}

	@Test
	void anAccountNeverLoggedInCountsFromItsCreation() {
		assertThat(rules.unused(governed("alice", null), account(null, "2026-01-01 00:00:00"), NOW))
			.hasValueSatisfying(reason -> assertThat(reason).startsWith("never used; created 2026-01-01 00:00:00"));
		assertThat(rules.unused(governed("alice", null), account(null, "2026-11-01 00:00:00"), NOW)).isEmpty();
		assertThat(rules.unused(governed("alice", null), account(null, null), NOW)).as("nothing known: no guess")
			.isEmpty();
	}

	@Test
	void aReviewWithinTheLimitKeepsAnUnusedAccountQuiet() {
		ServiceNowUser old = account("2025-01-01 00:00:00", null);
		assertThat(rules.unused(governed("alice", NOW.minus(Duration.ofDays(30))), old, NOW)).isEmpty();
		assertThat(rules.unused(governed("alice", NOW.minus(Duration.ofDays(91))), old, NOW)).isPresent();
	}

	@Test
	void anAccountTheLifecycleLockedIsNotReportedUnused() {
		GovernedAccount locked = new GovernedAccount("l", "svc_jira", "a".repeat(32), "alice", true, null);
		assertThat(rules.unused(locked, account("2020-01-01 00:00:00", null), NOW)).isEmpty();
	}

	@Test
	void theOwnerLeavingWinsOverDormancy() {
		assertThat(
				rules.judge(governed("alice", null), account("2020-01-01 00:00:00", null), Optional.empty(), false, NOW)
					.kind())
			.isEqualTo(SweepRules.Kind.OWNER_LEFT);
	}

	@Test
	void anAccountGoneInactiveOrRenamedIsMissingAndSaysWhat() {
		GovernedAccount governed = governed("alice", null);
		assertThat(SweepRules.missing(governed, Optional.empty())).hasValueSatisfying(
				message -> assertThat(message).contains("svc_jira", "a".repeat(32), "gone from ServiceNow", "404"));
		ServiceNowUser inactive = new ServiceNowUser("a".repeat(32), "svc_jira", "J", "S", null, null, false, true,
				true, false, null, null, null);
		assertThat(SweepRules.missing(governed, Optional.of(inactive)))
			.hasValueSatisfying(message -> assertThat(message).contains("inactive in ServiceNow and locked out"));
		ServiceNowUser renamed = new ServiceNowUser("a".repeat(32), "svc_other", "J", "S", null, null, true, false,
				true, false, null, null, null);
		assertThat(SweepRules.missing(governed, Optional.of(renamed)))
			.hasValueSatisfying(message -> assertThat(message).contains("now called svc_other"));
		assertThat(SweepRules.missing(governed, Optional.of(account(null, null)))).isEmpty();
		assertThat(
				SweepRules.missing(new GovernedAccount("l", "svc_jira", null, "alice", false, null), Optional.empty()))
			.hasValueSatisfying(message -> assertThat(message).contains("no accountSysId"));
	}

	@Test
	void aTimeNotInServiceNowsFormatIsAnErrorThatSaysSo() {
		assertThatThrownBy(() -> SweepRules.serviceNowTime("2026-12-05T02:00:00Z"))
			.hasMessageContaining("YYYY-MM-DD HH:MM:SS");
	}

}
