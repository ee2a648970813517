package io.github.serviceaccounts.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestRulesTests {

	static final ServiceAccountsProperties PROPERTIES = TestSettings.PROPERTIES;

	final RequestRules rules = new RequestRules(PROPERTIES);

	static Map<String, Object> valid() {
		Map<String, Object> fields = new HashMap<>();
		fields.put("accountUserName", "svc_jira_sync");
		fields.put("displayName", "Jira sync");
		fields.put("purpose", "Jira Cloud creates incidents through the Table API");
		fields.put("accountEmail", "");
		fields.put("additionalGroups", "");
		return fields;
	}

	static Map<String, Object> with(String field, Object value) {
		Map<String, Object> fields = valid();
		fields.put(field, value);
		return fields;
	}

	@Test
	void validRequestIsNormalisedWithEmptyOptionalFieldsAsNotGiven() {
		ServiceAccountRequest request = rules.validate(valid());

		assertThat(request.accountUserName()).isEqualTo("svc_jira_sync");
		assertThat(request.accountEmail()).isNull();
		assertThat(request.additionalGroups()).isEmpty();
	}

	@Test
	void groupsAreMatchedWithoutRegardToCaseAndTheDefaultGroupIsDropped() {
		ServiceAccountRequest request = rules.validate(with("additionalGroups",
				" cmdb read access , ServiceNow Service Accounts,Event Management, CMDB Read Access"));

		assertThat(request.additionalGroups()).containsExactly("CMDB Read Access", "Event Management");
	}

	@ParameterizedTest(name = "{0} = ''{1}'' is refused: {2}")
	@CsvSource(delimiter = '|', value = {
			"accountUserName | svc_x^NQactive=true                | may contain only lowercase letters",
			"accountUserName | svc_x^ORuser_name=admin            | may contain only lowercase letters",
			"accountUserName | javascript:gs.getUser()            | must start with 'svc_'",
			"accountUserName | jira_sync                          | must start with 'svc_'",
			"accountUserName | svc_Jira                           | may contain only lowercase letters",
			"accountUserName | svc_jira sync                      | may contain only lowercase letters",
			"accountUserName | svc_јira                           | may contain only lowercase letters",
			"accountUserName | svc_abcdefghijklmnopqrstuvwxyzabcdefghijk | must be 3 to 40 characters long (it has 41)",
			"accountUserName | svc_                               | needs a name after the prefix",
			"displayName     | J                                  | must be 2 to 80 characters long",
			"purpose         | too short                          | must be 10 to 2000 characters long",
			"accountEmail    | not-an-address                     | must be a valid e-mail address",
			"accountEmail    | team@example.com^NQactive=true     | must be a valid e-mail address",
			"additionalGroups| ServiceNow Administrators          | 'ServiceNow Administrators' is not a grantable group",
			"additionalGroups| Unknown Group                      | 'Unknown Group' is not a grantable group" })
	void brokenRuleIsNamedWithItsField(String field, String value, String rule) {
		assertThatThrownBy(() -> rules.validate(with(field, value))).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining(field + ": ")
			.hasMessageContaining(rule);
	}

	@Test
	void aMissingPrefixIsNamedWithTheFieldAndTheConfiguredPrefix() {
		ServiceAccountsProperties other = new ServiceAccountsProperties("app_", PROPERTIES.defaultGroup(),
				PROPERTIES.grantableGroups(), PROPERTIES.fallbackApproverGroup(), PROPERTIES.tasklistUrl(),
				PROPERTIES.timers(), PROPERTIES.retryIntervals(), PROPERTIES.groupCacheTtl());

		// The forms check only the characters: this message is where a person learns the
		// prefix.
		assertThatThrownBy(() -> new RequestRules(other).validate(with("accountUserName", "svc_jira_sync")))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("accountUserName: must start with 'app_', the prefix of every service account"
					+ " name here (for example app_jira_sync)");
	}

	@Test
	void controlCharactersAndWrongTypesAreRefused() {
		assertThatThrownBy(() -> rules.validate(with("displayName", "Jira\u0000sync")))
			.hasMessageContaining("displayName: may contain only printable characters on one line");
		assertThatThrownBy(() -> rules.validate(with("displayName", "Jira\nsync")))
			.hasMessageContaining("displayName: may contain only printable characters on one line");
		assertThatThrownBy(() -> rules.validate(with("displayName", "\u001FJira sync\n")))
			.hasMessageContaining("displayName: may contain only printable characters on one line");
		assertThatThrownBy(() -> rules.validate(with("accountEmail", "a..b@example.com")))
			.hasMessageContaining("accountEmail: must be a valid e-mail address");
		assertThatThrownBy(() -> rules.validate(with("purpose", 42)))
			.hasMessageContaining("purpose: must be text, not Integer");
		assertThatThrownBy(() -> rules.validate(with("accountUserName", null)))
			.hasMessageContaining("accountUserName: is required");
	}

	@Test
	void everyBrokenRuleIsReportedAtOnce() {
		Map<String, Object> fields = with("accountUserName", "x");
		fields.put("purpose", "");

		assertThatThrownBy(() -> rules.validate(fields)).isInstanceOfSatisfying(InvalidRequestException.class,
				ex -> assertThat(ex.violations()).extracting(Violation::field).contains("accountUserName", "purpose"));
	}

	@Test
	void multiLinePurposeIsAccepted() {
		assertThat(rules.validate(with("purpose", "Line one of the purpose\nline two")).purpose()).contains("\n");
	}

}
