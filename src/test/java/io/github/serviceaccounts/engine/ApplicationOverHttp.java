package io.github.serviceaccounts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application as the integration tests reach it: over its engine REST API
 * and the simulator's control API, with the demo users' basic credentials.
 */
class ApplicationOverHttp {

	static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	final String name;

	final int port;

	ApplicationOverHttp(String name, int port) {
		this.name = name;
		this.port = port;
	}

	HttpResponse<String> send(String method, String path, String user, Object body) {
		try {
			return HTTP.send(request(method, path, user, body), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " on " + name + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** True once the path answers 200; false while the application is still starting. */
	boolean answers(String path, String user) {
		try {
			return HTTP.send(request("GET", path, user, null), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	JsonNode get(String path, String user) {
		HttpResponse<String> response = send("GET", path, user, null);
		assertThat(response.statusCode()).as("GET %s on %s: %s", path, name, response.body()).isEqualTo(200);
		try {
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long count(String path) {
		return get(path, "admin").path("count").asLong();
	}

	private HttpRequest request(String method, String path, String user, Object body) {
		try {
			String password = "integration".equals(user) ? "integration" : "demo";
			return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.method(method,
						body == null ? HttpRequest.BodyPublishers.noBody()
								: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.timeout(Duration.ofSeconds(30))
				.build();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The start variables of one request, as the engine REST API takes them. */
	static Map<String, Object> requestVariables(String accountUserName, String purpose) {
		return Map.of("accountUserName", string(accountUserName), "displayName", string("Test " + accountUserName),
				"purpose", string(purpose), "accountEmail", string(""), "additionalGroups", string(""));
	}

	static Map<String, Object> string(String value) {
		return Map.of("value", value, "type", "String");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
