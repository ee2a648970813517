package io.github.serviceaccounts.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.serviceaccounts.WebAppSessions;

/**
 * The two doors to the engine, as an attacker uses them: the engine REST API with basic
 * credentials, and the web apps' engine API with a logged-in Tasklist session and its
 * CSRF token, exactly as Tasklist sends its calls. Paths are given as the part after the
 * engine, e.g. {@code /task} or {@code /task;x=1}, and are sent as written (no encoding
 * or normalising on the way).
 */
public final class EngineDoors {

	public enum Door {

		ENGINE_REST, WEB_APPS

	}

	public static final ObjectMapper JSON = new ObjectMapper();

	private final int port;

	private final String password;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final WebAppSessions tasklist;

	/**
	 * @param password every user's password
	 */
	public EngineDoors(int port, String password) {
		this.port = port;
		this.password = password;
		this.tasklist = new WebAppSessions(http, port, "tasklist", password);
	}

	public String base(Door door) {
		return "http://localhost:" + port
				+ (door == Door.ENGINE_REST ? "/engine-rest" : "/camunda/api/engine/engine/default");
	}

	public HttpResponse<String> send(Door door, String user, String method, String path, Object body) throws Exception {
		return sendRaw(door, user, method, path, body == null ? null : JSON.writeValueAsString(body));
	}

	HttpResponse<String> sendRaw(Door door, String user, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(door) + path))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (user != null && door == Door.ENGINE_REST) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		if (user != null && door == Door.WEB_APPS) {
			Map<String, String> cookies = session(user);
			request.header("Cookie", WebAppSessions.cookieHeader(cookies))
				.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A web app call with the session's cookies but the given CSRF token (none when
	 * null), as a forged request has.
	 */
	HttpResponse<String> sendWithToken(Door door, String user, String method, String path, String token)
			throws Exception {
		Map<String, String> cookies = session(user);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(door) + path))
			.header("Content-Type", "application/json")
			.header("Cookie", WebAppSessions.cookieHeader(cookies))
			.method(method, HttpRequest.BodyPublishers.ofString("{}"));
		if (token != null) {
			request.header("X-XSRF-TOKEN", token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Map<String, String> session(String user) throws Exception {
		return tasklist.cookies(user);
	}

}
