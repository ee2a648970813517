package io.github.serviceaccounts.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.Ssl;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.servicenow.ServiceNowClient;

/** Where the links in mails lead: as configured, or to this very server. */
class TasklistLinksTests {

	static final String CONFIGURED = "https://camunda.example.com/camunda/app/tasklist";

	@Test
	void aConfiguredUrlIsUsedAsGivenWhateverPortTheServerTakes() {
		TasklistLinks links = new TasklistLinks(CONFIGURED, new ServerProperties(), "/camunda");
		links.onApplicationEvent(started(9090, null));

		assertThat(links.tasklist()).isEqualTo("https://camunda.example.com/camunda/app/tasklist/");
		assertThat(links.task("abc")).isEqualTo("https://camunda.example.com/camunda/app/tasklist/#/?task=abc");
	}

	@Test
	void withoutAConfiguredUrlTheLinksAreUnknownUntilTheServerHasStarted() {
		TasklistLinks links = new TasklistLinks(" ", new ServerProperties(), "/camunda");

		assertThatIllegalStateException().isThrownBy(() -> links.task("abc"))
			.withMessageContaining("serviceaccounts.tasklist-url is not set")
			.withMessageContaining("web server")
			.withMessageContaining("has not started");
	}

	@Test
	void withoutAConfiguredUrlTheLinksFollowThePortAddressAndContextPathTheServerRunsWith() throws Exception {
		ServerProperties server = new ServerProperties();
		server.setAddress(InetAddress.getByName("10.1.2.3"));
		server.getServlet().setContextPath("/accounts");
		TasklistLinks links = new TasklistLinks(null, server, "/camunda");

		links.onApplicationEvent(started(9090, null));

		assertThat(links.task("abc")).isEqualTo("http://10.1.2.3:9090/accounts/camunda/app/tasklist/#/?task=abc");
	}

	@Test
	void aServerOnEveryAddressIsReachedAsLocalhostAndOverHttpsWhenItSpeaksIt() throws Exception {
		ServerProperties server = new ServerProperties();
		server.setAddress(InetAddress.getByName("0.0.0.0"));
		Ssl ssl = new Ssl();
		ssl.setEnabled(true);
		server.setSsl(ssl);
		TasklistLinks links = new TasklistLinks(null, server, "/camunda/");

		links.onApplicationEvent(started(8443, null));

		assertThat(links.tasklist()).isEqualTo("https://localhost:8443/camunda/app/tasklist/");
	}

	@Test
	void anIpv6AddressIsBracketed() throws Exception {
		assertThat(TasklistLinks.host(InetAddress.getByName("::1"))).isEqualTo("[0:0:0:0:0:0:0:1]");
		assertThat(TasklistLinks.host(InetAddress.getByName("::"))).isEqualTo("localhost");
		assertThat(TasklistLinks.host(null)).isEqualTo("localhost");
	}

	@Test
	void theManagementServerOnAPortOfItsOwnIsNotTasklist() {
		TasklistLinks links = new TasklistLinks(null, new ServerProperties(), "/camunda");

		links.onApplicationEvent(started(8081, "management"));
		assertThatIllegalStateException().isThrownBy(links::tasklist);

		links.onApplicationEvent(started(8080, null));
		assertThat(links.tasklist()).isEqualTo("http://localhost:8080/camunda/app/tasklist/");
	}

	static WebServerInitializedEvent started(int port, String serverNamespace) {
		WebServerInitializedEvent event = mock(WebServerInitializedEvent.class, RETURNS_DEEP_STUBS);
		when(event.getWebServer().getPort()).thenReturn(port);
		when(event.getApplicationContext().getServerNamespace()).thenReturn(serverNamespace);
		return event;
	}

	/**
	 * The application on a random port under a context path, with no link configured: the
	 * links in mails, to Tasklist and to the simulator's REST API Explorer, lead to it.
	 */
	@Nested
	// Closed after the class: the engine REST API finds its engine by the name "default",
	// which only one application context at a time may hold.
	@DirtiesContext
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.datasource.url=jdbc:h2:mem:tasklist-links;DB_CLOSE_DELAY=-1",
					"servicenow-simulator.state-file=", "server.servlet.context-path=/accounts",
					"camunda.bpm.job-execution.enabled=false" })
	class OnARandomPort {

		@LocalServerPort
		int port;

		@Autowired
		TasklistLinks links;

		@Autowired
		ServiceNowClient serviceNow;

		@Test
		void linksInMailsLeadToThePortTheServerTook() throws Exception {
			assertThat(port).isNotEqualTo(8080);
			assertThat(links.task("abc"))
				.isEqualTo("http://localhost:" + port + "/accounts/camunda/app/tasklist/#/?task=abc");
			assertThat(serviceNow.instanceUrl())
				.isEqualTo("http://localhost:" + port + "/accounts/servicenow-simulator");

			HttpResponse<String> tasklist = HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build()
				.send(HttpRequest.newBuilder(URI.create(links.tasklist())).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(tasklist.statusCode()).isEqualTo(200);
			assertThat(tasklist.uri().getPath()).isEqualTo("/accounts/camunda/app/tasklist/default/");
			assertThat(tasklist.body()).contains("<title>Camunda Tasklist</title>");
		}

	}

}
