package io.github.serviceaccounts.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class GroupListTests {

	@Test
	void namesAreReadWithoutTheSpacesAndEmptyEntriesAPersonTypes() {
		assertThat(GroupList.parse(" CMDB Read Access ,Event Management, ,")).containsExactly("CMDB Read Access",
				"Event Management");
		assertThat(GroupList.parse("CMDB Read Access\t,\nEvent Management")).containsExactly("CMDB Read Access",
				"Event Management");
	}

	@Test
	void nothingGivenIsNoGroup() {
		assertThat(GroupList.parse(null)).isEmpty();
		assertThat(GroupList.parse("")).isEmpty();
		assertThat(GroupList.parse(" , ")).isEmpty();
	}

	@Test
	void whatOneStepWritesIsWhatTheNextReads() {
		List<String> groups = List.of("CMDB Read Access", "Event Management");

		assertThat(GroupList.format(groups)).isEqualTo("CMDB Read Access, Event Management");
		assertThat(GroupList.parse(GroupList.format(groups))).isEqualTo(groups);
		assertThat(GroupList.format(List.of())).isEmpty();
	}

}
