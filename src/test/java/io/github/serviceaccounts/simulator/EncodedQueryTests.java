package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoded query language over the seed data, quirks included. */
class EncodedQueryTests {

	private final Tables seed = SeedData.build("integration");

	private final TableSchema.Table users = TableSchema.table("sys_user").orElseThrow();

	private final List<String> warnings = new ArrayList<>();

	@Test
	void equalsIsCaseInsensitiveLikeOnAnInstance() {
		assertThat(userNames("user_name=ALICE")).containsExactly("alice");
	}

	@Test
	void operatorsSelectWhatTheySay() {
		assertThat(userNames("user_nameSTARTSWITHa")).containsExactly("alice");
		assertThat(userNames("user_nameENDSWITHe")).containsExactlyInAnyOrder("alice", "dave");
		assertThat(userNames("nameLIKEmanag")).containsExactly("bob");
		assertThat(userNames("user_nameINalice,bob")).containsExactlyInAnyOrder("alice", "bob");
		assertThat(userNames("user_nameNOT INalice,bob,integration")).containsExactlyInAnyOrder("carol", "dave");
		assertThat(userNames("user_name!=alice^active=true")).containsExactlyInAnyOrder("bob", "carol", "integration");
		assertThat(userNames("managerISEMPTY")).containsExactlyInAnyOrder("carol", "integration");
		assertThat(userNames("managerISNOTEMPTY")).containsExactlyInAnyOrder("alice", "bob", "dave");
	}

	@Test
	void onlyAndedEqualitiesOnTheTablesOwnFieldsNarrowTheRowsToLookAt() {
		assertThat(narrowing("active=true^user_nameSTARTSWITHa^user_name=ALICE")).containsExactly(
				new EncodedQuery.Equality("active", List.of("true")),
				new EncodedQuery.Equality("user_name", List.of("ALICE")));
		assertThat(narrowing("user_name=alice^ORuser_name=bob^active=true")).containsExactly(
				new EncodedQuery.Equality("user_name", List.of("alice", "bob")),
				new EncodedQuery.Equality("active", List.of("true")));
		assertThat(narrowing("user_name=alice^ORemail=bob@example.com")).isEmpty();
		assertThat(narrowing("user_name=alice^ORuser_nameSTARTSWITHb")).isEmpty();
		assertThat(narrowing("user_name=alice^ORnosuchfield=x")).isEmpty();
		assertThat(narrowing("user_name=alice^NQuser_name=dave")).isEmpty();
		assertThat(narrowing("manager.user_name=bob")).isEmpty();
		assertThat(narrowing("user_name!=alice")).isEmpty();
		assertThat(narrowing("")).isEmpty();
	}

	@Test
	void anOrOfEqualitiesOnOneFieldMatchesEitherValue() {
		assertThat(userNames("user_name=ALICE^ORuser_name=bob")).containsExactlyInAnyOrder("alice", "bob");
		assertThat(userNames("user_name=alice^ORuser_name=bob^active=true")).containsExactlyInAnyOrder("alice", "bob");
	}

	private List<EncodedQuery.Equality> narrowing(String query) {
		return EncodedQuery.parse(query, users, warnings).narrowingEqualities();
	}

	@Test
	void orJoinsNeighboursAndNewQueryJoinsWholeQueries() {
		assertThat(userNames("user_name=alice^ORuser_name=bob")).containsExactlyInAnyOrder("alice", "bob");
		assertThat(userNames("user_name=alice^active=false^NQuser_name=dave")).containsExactly("dave");
	}

	@Test
	void caretInsideAValueSplitsTheQueryAndWidensALookup() {
		String injectedValue = "x^NQactive=true";

		assertThat(userNames("user_name=" + injectedValue)).containsExactlyInAnyOrder("alice", "bob", "carol",
				"integration");
	}

	@Test
	void dotWalkingFollowsReferences() {
		assertThat(userNames("manager.user_name=bob")).containsExactlyInAnyOrder("alice", "dave");
		assertThat(userNames("manager.manager.user_name=carol")).containsExactlyInAnyOrder("alice", "dave");
	}

	@Test
	void unknownFieldsAreDroppedSoTheQueryMatchesMore() {
		assertThat(userNames("user_nam=alice")).hasSize(5);
		assertThat(userNames("user_name=alice^ORuser_nam=bob")).as("a dropped alternative counts as true").hasSize(5);
		assertThat(warnings).anyMatch(warning -> warning.contains("'user_nam'"));
	}

	@Test
	void orderingIsIgnored() {
		assertThat(userNames("active=true^ORDERBYDESCuser_name")).containsExactly("carol", "bob", "alice",
				"integration");
		assertThat(warnings).isEmpty();
	}

	@Test
	void javascriptValuesMatchEverythingAndAreReportedAsDangerous() {
		assertThat(userNames("user_name=javascript:gs.getUserID()")).hasSize(5);
		assertThat(warnings).singleElement().asString().startsWith("DANGEROUS");
	}

	@Test
	void booleanOneMeansTrue() {
		List<Map<String, String>> active = seed.all("sys_user")
			.stream()
			.filter(user -> EncodedQuery.parse("active=1", users, warnings).matches(seed, user))
			.toList();

		assertThat(active).hasSize(4);
	}

	private List<String> userNames(String query) {
		EncodedQuery parsed = EncodedQuery.parse(query, users, warnings);
		return seed.all("sys_user")
			.stream()
			.filter(user -> parsed.matches(seed, user))
			.map(user -> user.get("user_name"))
			.toList();
	}

}
