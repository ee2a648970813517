package io.github.serviceaccounts.cockpit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.serviceaccounts.WebAppSessions;

/**
 * Calls Cockpit's APIs as Cockpit does: with the session of a Cockpit login (as a browser
 * makes it), or with none.
 */
class CockpitWebSession {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	private final WebAppSessions cockpit;

	CockpitWebSession(int port) {
		this.port = port;
		this.cockpit = new WebAppSessions(http, port, "cockpit", "demo");
	}

	/** A GET of a path (after the host), raw as given, as the user; null: no session. */
	HttpResponse<String> get(String user, String path) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (user == null) {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		Map<String, String> cookies = cockpit.cookies(user);
		request.header("Cookie", WebAppSessions.cookieHeader(cookies));
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		WebAppSessions.keep(cookies, response);
		return response;
	}

	/**
	 * A POST of a JSON body to a path (after the host), as the user, with the session's
	 * CSRF token as Cockpit sends it.
	 */
	HttpResponse<String> post(String user, String path, String json) throws Exception {
		Map<String, String> cookies = cockpit.cookies(user);
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Cookie", WebAppSessions.cookieHeader(cookies))
			.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		WebAppSessions.keep(cookies, response);
		return response;
	}

}
