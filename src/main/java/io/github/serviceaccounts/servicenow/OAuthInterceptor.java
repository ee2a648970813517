package io.github.serviceaccounts.servicenow;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * Adds {@code Authorization: Bearer} to every Table API request. When ServiceNow answers
 * 401 anyway (a token revoked or expired early on the instance), the cached token is
 * dropped and the request is sent once more with a fresh one; a second 401 is passed on,
 * so wrong credentials cannot cause a loop.
 */
final class OAuthInterceptor implements ClientHttpRequestInterceptor {

	private final OAuthTokenProvider tokens;

	OAuthInterceptor(OAuthTokenProvider tokens) {
		this.tokens = tokens;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String token = this.tokens.token();
		ClientHttpResponse response = execution.execute(withBearer(request, token), body);
		if (response.getStatusCode().value() != 401) {
			return response;
		}
		response.close();
		this.tokens.invalidate(token);
		return execution.execute(withBearer(request, this.tokens.token()), body);
	}

	// A copy of the headers, so the second attempt does not depend on the first request
	// still being writable.
	private static HttpRequest withBearer(HttpRequest request, String token) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(request.getHeaders());
		headers.setBearerAuth(token);
		return new HttpRequestWrapper(request) {
			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}
		};
	}

}
