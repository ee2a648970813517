package io.github.serviceaccounts.servicenow;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.ACCOUNT_SYS_ID;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.GROUP_SYS_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Values that could change what an encoded query means never leave the application. */
class QueryValuesTests {

	@RegisterExtension
	static WireMockExtension serviceNow = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static Stream<String> injections() {
		return Stream.of("x^NQactive=true", "svc_bot^ORuser_name=admin", "javascript:gs.getUserID()", "svc bot",
				"a".repeat(41),
				// Cyrillic 's' (U+0455) and a full-width circumflex (U+FF3E): look alike,
				// mean something else.
				"\u0455vc_bot", "svc_bot\uFF3ENQactive=true", "svc_bot\n", "", "name!=x", "svc%5ENQ");
	}

	@ParameterizedTest
	@MethodSource("injections")
	void userNamesThatCouldChangeTheQueryAreRefusedBeforeAnyCall(String value) {
		ServiceNowClient client = ServiceNowFixtures.client(serviceNow.baseUrl());

		assertThatExceptionOfType(InvalidQueryValueException.class).isThrownBy(() -> client.findUserByUserName(value))
			.satisfies(ex -> assertThat(ex.getField()).isEqualTo("userName"));
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> client.createUser(new NewServiceNowUser(value, "Bad", "Actor", null, null)));
		serviceNow.verify(0, anyRequestedFor(anyUrl()));
	}

	static Stream<Arguments> everyQueryingCall() {
		String bad = "6816f79cc0a8016401c5a33be04be441^NQ";
		return Stream.of(Arguments.of("findUserBySysId", (Consumer<ServiceNowClient>) c -> c.findUserBySysId(bad)),
				Arguments.of("findGroupByName", (Consumer<ServiceNowClient>) c -> c.findGroupByName("Admins^NQname=x")),
				Arguments.of("findGroupRoleNames", (Consumer<ServiceNowClient>) c -> c.findGroupRoleNames(bad)),
				Arguments.of("findMembership(user)",
						(Consumer<ServiceNowClient>) c -> c.findMembership(bad, GROUP_SYS_ID)),
				Arguments.of("findMembership(group)",
						(Consumer<ServiceNowClient>) c -> c.findMembership(ACCOUNT_SYS_ID, bad)),
				Arguments.of("addMembership", (Consumer<ServiceNowClient>) c -> c.addMembership(ACCOUNT_SYS_ID, bad)),
				Arguments.of("findUserRoles", (Consumer<ServiceNowClient>) c -> c.findUserRoles(bad)),
				Arguments.of("updateUser",
						(Consumer<ServiceNowClient>) c -> c.updateUser(bad, Map.of("active", "false"))),
				Arguments.of("setPassword", (Consumer<ServiceNowClient>) c -> c.setPassword(bad, "x".toCharArray())));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyQueryingCall")
	void everyCallValidatesItsKeysBeforeCallingServiceNow(String name, Consumer<ServiceNowClient> call) {
		ServiceNowClient client = ServiceNowFixtures.client(serviceNow.baseUrl());

		assertThatExceptionOfType(InvalidQueryValueException.class).isThrownBy(() -> call.accept(client));
		serviceNow.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void messageNamesTheFieldTheValueAndTheRule() {
		InvalidQueryValueException refused = catchThrowableOfType(InvalidQueryValueException.class,
				() -> QueryValues.userName("accountUserName", "x^NQ"));

		assertThat(refused).hasMessage("accountUserName: 'x^NQ' is not allowed in a ServiceNow query "
				+ "(rule: letters, digits, '.', '_', '@', '-', 1 to 40 characters)");
		assertThat(refused.getField()).isEqualTo("accountUserName");
		assertThat(refused.getRule()).isEqualTo(QueryValues.USER_NAME_RULE);
		assertThat(refused).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void messageShowsControlCharactersAndShortensLongValues() {
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> QueryValues.groupName("groupName", "Ops\r\nSet-Cookie: x"))
			.withMessageStartingWith("groupName: 'Ops\\u000d\\u000aSet-Cookie: x' is not allowed");
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> QueryValues.userName("userName", "b".repeat(500)))
			.withMessageContaining("b".repeat(60) + "...'");
	}

	@Test
	void missingValueIsRefusedWithTheRule() {
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> QueryValues.sysId("groupSysId", null))
			.withMessage(
					"groupSysId: a value is required in a ServiceNow query (rule: 32 lowercase hexadecimal characters)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "svc_jira_sync", "alice.example", "Alice.Example@acme.com", "bob-smith",
			"svc_forty_characters_long_name_012345678" })
	void userNamesOfPeopleAndAccountsAreAccepted(String value) {
		assertThat(QueryValues.userName("userName", value)).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ServiceNow Service Accounts", "R&D (EMEA) - Ops_2.0", "itil" })
	void groupNamesAreAccepted(String value) {
		assertThat(QueryValues.groupName("groupName", value)).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Admins^NQname=x", "Admins^ORname=x", "javascript:gs.getUser()", "JavaScript Guild",
			" Leading space", "-dash first", "a=b",
			"Group name of eighty-one characters made only of allowed letters and spaces ABCDE", "Caf\u00e9 Team", "" })
	void groupNamesThatCouldChangeTheQueryAreRefused(String value) {
		assertThatExceptionOfType(InvalidQueryValueException.class)
			.isThrownBy(() -> QueryValues.groupName("groupName", value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "6816F79CC0A8016401C5A33BE04BE441", "6816f79cc0a8016401c5a33be04be44",
			"6816f79cc0a8016401c5a33be04be4411", "6816f79cc0a8016401c5a33be04be44g",
			"6816f79cc0a8016401c5a33be04be441^NQ" })
	void sysIdsMustBe32LowercaseHexCharacters(String value) {
		assertThatExceptionOfType(InvalidQueryValueException.class).isThrownBy(() -> QueryValues.sysId("sysId", value));
	}

}
