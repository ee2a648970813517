package io.github.serviceaccounts.servicenow;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ACCOUNT_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.GROUP_SYS_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EncodedQueryTests {

	@Test
	void termsAreJoinedWithAnd() {
		String query = EncodedQuery.where("user", QueryValues.sysId("userSysId", ACCOUNT_SYS_ID))
			.and("group", QueryValues.sysId("groupSysId", GROUP_SYS_ID))
			.build();

		assertThat(query).isEqualTo("user=" + ACCOUNT_SYS_ID + "^group=" + GROUP_SYS_ID);
	}

	@Test
	void anOrderComesAfterTheTermsAndItsFieldIsCheckedLikeATerms() {
		assertThat(EncodedQuery.where("group", GROUP_SYS_ID).and("user.active", "true").orderBy("sys_id").build())
			.isEqualTo("group=" + GROUP_SYS_ID + "^user.active=true^ORDERBYsys_id");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncodedQuery.where("group", GROUP_SYS_ID).orderBy("sys_id^NQactive=true"));
	}

	@Test
	void addingATermLeavesTheOriginalQueryAsItWas() {
		EncodedQuery byUser = EncodedQuery.where("user", ACCOUNT_SYS_ID);

		byUser.and("group", GROUP_SYS_ID);

		assertThat(byUser.build()).isEqualTo("user=" + ACCOUNT_SYS_ID);
	}

	@Test
	void anyOfSeveralValuesIsAnOrThatBindsBeforeTheNextAnd() {
		assertThat(
				EncodedQuery.whereAnyOf("user_name", List.of("alice", "svc_jira_sync")).and("active", "true").build())
			.isEqualTo("user_name=alice^ORuser_name=svc_jira_sync^active=true");
		assertThat(EncodedQuery.whereAnyOf("user_name", List.of("alice")).build()).isEqualTo("user_name=alice");
		// No value would be an empty query: every record.
		assertThatIllegalArgumentException().isThrownBy(() -> EncodedQuery.whereAnyOf("user_name", List.of()));
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> EncodedQuery.whereAnyOf("user_name", List.of("alice", "bob^NQactive=true")));
	}

	@Test
	void dotWalkedFieldsAreAccepted() {
		assertThat(EncodedQuery.where("manager.user_name", "alice.example").build())
			.isEqualTo("manager.user_name=alice.example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "user_name^NQactive", "User_Name", "manager.user.name", "user_name=", "", "u_field1",
			"javascript:x" })
	void fieldNamesOutsideTheAllowListAreRefused(String field) {
		assertThatIllegalArgumentException().isThrownBy(() -> EncodedQuery.where(field, "alice"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice^NQactive=true", "x^ORDERBYname", "javascript:gs.getUserID()", "a=b", " alice",
			"alice\u0000", "\u0430lice" })
	void valuesThatSkippedValidationAreCheckedAgain(String value) {
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> EncodedQuery.where("user_name", "alice").and("name", value))
			.satisfies(ex -> assertThat(ex.getField()).isEqualTo("name"));
	}

	@Test
	void nullValueIsRefused() {
		assertThatExceptionOfType(InvalidQueryValueException.class).isThrownBy(() -> EncodedQuery.where("user", null));
	}

}
