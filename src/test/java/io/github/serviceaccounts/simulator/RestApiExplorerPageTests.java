package io.github.serviceaccounts.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's text as built, for what a request cannot easily send: an instance URL with
 * markup and quotes in it (it comes from the Host header or the configuration).
 */
class RestApiExplorerPageTests {

	@Test
	void everyValueIsEscapedForHtmlAndTheShell() {
		String hostileUrl = "http://evil\"><script>alert(1)</script>'$(reboot)";

		String html = RestApiExplorerPage.page(hostileUrl, "svc_o'k", "nonce123");

		assertThat(html).doesNotContain("<script>alert(1)")
			.doesNotContain("\"><script>")
			.contains("data-instance=\"http://evil&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;$(reboot)\"")
			.contains("value=\"svc_o&#39;k\"");
		assertThat(RestApiExplorerPage.curl(hostileUrl, "api/now/table/incident", "svc_o'k"))
			.isEqualTo("curl -u 'svc_o'\\''k' -H 'Accept: application/json' "
					+ "'http://evil\"><script>alert(1)</script>'\\''$(reboot)/api/now/table/incident'");
	}

	@Test
	void theUserNameIsUrlEncodedInTheCallsPath() {
		assertThat(RestApiExplorerPage.curl("http://localhost:8080/servicenow-simulator",
				RestApiExplorerPage.CALLS.get(0).path(), "svc_jira.sync-1"))
			.isEqualTo("curl -u 'svc_jira.sync-1' -H 'Accept: application/json' "
					+ "'http://localhost:8080/servicenow-simulator/api/now/table/sys_user"
					+ "?sysparm_query=user_name%3Dsvc_jira.sync-1&sysparm_fields=user_name,last_login_time'");
	}

	@Test
	void theAllowListTakesAccountNamesOnly() {
		assertThat(RestApiExplorerPage.USER_NAME.matcher("svc_jira.sync-1").matches()).isTrue();
		assertThat(RestApiExplorerPage.USER_NAME.matcher("svc_x&y").matches()).isFalse();
		assertThat(RestApiExplorerPage.USER_NAME.matcher("svc_x\n").matches()).isFalse();
		assertThat(RestApiExplorerPage.USER_NAME.matcher("x".repeat(41)).matches()).isFalse();
	}

}
