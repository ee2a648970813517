package io.github.serviceaccounts.servicenow;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sends a {@link TableCall} and turns whatever comes back into the {@code result} of
 * ServiceNow's envelope or into a {@link ServiceNowException}. The client's other parts
 * never touch HTTP, so every Table API call is paced, measured, scrubbed of secrets and,
 * for a write without a clear answer, marked as in doubt in the same way. Thread-safe.
 */
final class TableExchange {

	// Under the facade's name, where operators have always found the client's log lines.
	private static final Logger logger = LoggerFactory.getLogger(ServiceNowClient.class);

	private static final String RETRY_ADVICE = "This is usually temporary; a write may still have been committed, "
			+ "so look the record up before repeating it.";

	private final RestClient restClient;

	private final Supplier<String> baseUrl;

	private final Clock clock;

	private final RequestPacer pacer;

	private final Duration writeSettleTime;

	private volatile CallMetrics metrics = CallMetrics.NONE;

	TableExchange(RestClient restClient, Supplier<String> baseUrl, Clock clock, RequestPacer pacer,
			Duration writeSettleTime) {
		this.restClient = Objects.requireNonNull(restClient, "restClient");
		this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.pacer = Objects.requireNonNull(pacer, "pacer");
		this.writeSettleTime = Objects.requireNonNull(writeSettleTime, "writeSettleTime");
	}

	void setMetrics(CallMetrics metrics) {
		this.metrics = Objects.requireNonNull(metrics, "metrics");
	}

	/** The instance URL without a trailing slash, asked of the supplier on every call. */
	String instanceUrl() {
		String url = this.baseUrl.get();
		if (url == null || url.isBlank()) {
			throw new IllegalStateException("No ServiceNow instance URL is known; set servicenow.base-url");
		}
		url = url.strip();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		return url;
	}

	JsonNode result(TableCall call) {
		return execute(call, false).orElseThrow();
	}

	/** Empty only for a ServiceNow 404 when {@code notFoundIsEmpty}. */
	Optional<JsonNode> execute(TableCall call, boolean notFoundIsEmpty) {
		return this.pacer.call(call.operation(), () -> executeOnce(call, notFoundIsEmpty));
	}

	private Optional<JsonNode> executeOnce(TableCall call, boolean notFoundIsEmpty) {
		long started = System.nanoTime();
		Attempt attempt = new Attempt();
		Instant sent = (call.method() == HttpMethod.GET) ? null : this.clock.instant();
		try {
			return exchange(call, attempt, notFoundIsEmpty);
		}
		catch (ServiceNowTransientException ex) {
			// Only this call's own failure: one fetching the OAuth token first sent
			// nothing to the table.
			if (sent != null && ex.getOperation().equals(call.operation()) && mayHaveRun(ex)) {
				ex.setWriteInDoubtUntil(sent.plus(this.writeSettleTime));
			}
			throw ex;
		}
		finally {
			String status = (attempt.status == 0) ? "IO_ERROR" : Integer.toString(attempt.status);
			this.metrics.record(call.method().name(), call.table(), status,
					Duration.ofNanos(System.nanoTime() - started));
		}
	}

	private Optional<JsonNode> exchange(TableCall call, Attempt attempt, boolean notFoundIsEmpty) {
		String operation = call.operation();
		URI uri = call.uri(instanceUrl());
		try {
			RestClient.RequestBodySpec request = this.restClient.method(call.method()).uri(uri);
			if (call.body() != null) {
				request = request.contentType(MediaType.APPLICATION_JSON).body(call.body());
			}
			return request.exchange((httpRequest, response) -> answer(call, attempt, response.getStatusCode().value(),
					response.getHeaders(), response.getBody().readAllBytes(), notFoundIsEmpty), true);
		}
		catch (ServiceNowException ex) {
			throw ex;
		}
		catch (ResourceAccessException ex) {
			throw new ServiceNowTransientException(operation, 0,
					operation + " got no usable answer from ServiceNow (" + ioReason(ex, uri) + "). " + RETRY_ADVICE,
					ex);
		}
		catch (RestClientException ex) {
			throw new ServiceNowTransientException(operation, 0,
					operation + " could not be completed (" + ex.getClass().getSimpleName() + "). " + RETRY_ADVICE, ex);
		}
	}

	private Optional<JsonNode> answer(TableCall call, Attempt attempt, int status, HttpHeaders headers, byte[] body,
			boolean notFoundIsEmpty) {
		logger.debug("{} answered HTTP {}", call.operation(), status);
		attempt.status = status;
		if (status == 200 || status == 201) {
			return Optional.of(unwrap(call, status, body));
		}
		// A DELETE answers 204 with no body; there is nothing to unwrap.
		if (status == 204 && call.method() == HttpMethod.DELETE) {
			return Optional.of(MissingNode.getInstance());
		}
		// Only ServiceNow's own "No Record found" means absent; a 404 page from a proxy
		// or a wrong base URL
		// must not make a caller believe a record is gone.
		if (status == 404 && notFoundIsEmpty && ServiceNowErrors.ErrorBody.of(body, call.scrub()).message() != null) {
			return Optional.empty();
		}
		throw ServiceNowErrors.failure(call.operation(), status, headers, body, this.clock, call.scrub(), null);
	}

	private JsonNode unwrap(TableCall call, int status, byte[] body) {
		String operation = call.operation();
		String problem = operation + " got HTTP " + status + " but the response body was cut off or carried an error";
		JsonNode root;
		try {
			root = ServiceNowJson.parse(body);
		}
		catch (JsonProcessingException ex) {
			// The parser's own message may quote the body, so only the position is
			// reported.
			String where = (ex.getLocation() != null)
					? " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "";
			String what = (ex instanceof JsonEOFException) ? "JSON ended early" : "not valid JSON";
			throw new ServiceNowTransientException(operation, status, problem + " (" + what + where + "). "
					+ "ServiceNow cancels transactions that run too long, even mid-answer. " + RETRY_ADVICE);
		}
		if (root.has("error") || "failure".equals(root.path("status").asText())) {
			ServiceNowErrors.ErrorBody error = ServiceNowErrors.ErrorBody.of(root, call.scrub());
			throw new ServiceNowTransientException(operation, status,
					problem + " (" + ServiceNowErrors.summary(error.message(), error.detail()) + "). " + RETRY_ADVICE);
		}
		JsonNode result = root.get("result");
		if (result == null || result.isNull()) {
			throw new ServiceNowTransientException(operation, status,
					operation + " got HTTP " + status + " without a result. " + RETRY_ADVICE);
		}
		return result;
	}

	/**
	 * Whether ServiceNow may have run (or may still run) a write that failed this way.
	 * Not after a 429: the instance refused it before doing anything. Not when no
	 * connection was made, or none was free in our pool: nothing was sent. Anything else
	 * (a 5xx, a time-out, a cut or erroneous body, an I/O error once the request may have
	 * left) leaves it open.
	 */
	private static boolean mayHaveRun(ServiceNowTransientException ex) {
		return !(ex instanceof ServiceNowRateLimitedException) && causes(ex).stream()
			.noneMatch(cause -> cause instanceof ConnectException || cause instanceof ConnectTimeoutException
					|| cause instanceof ConnectionRequestTimeoutException || cause instanceof UnknownHostException);
	}

	/**
	 * The exceptions below this one, outermost first: the telling one may be nested at
	 * different depths.
	 */
	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = ex.getCause(); cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	private static String ioReason(ResourceAccessException ex, URI uri) {
		List<Throwable> chain = causes(ex);
		if (chain.stream()
			.anyMatch(c -> c instanceof ConnectTimeoutException || c instanceof ConnectionRequestTimeoutException)) {
			return "could not connect within the connect timeout";
		}
		if (chain.stream().anyMatch(SocketTimeoutException.class::isInstance)) {
			return "no answer within the read timeout";
		}
		if (chain.stream().anyMatch(ConnectException.class::isInstance)) {
			return "could not connect to " + uri.getScheme() + "://" + uri.getRawAuthority();
		}
		Throwable root = chain.isEmpty() ? ex : chain.get(chain.size() - 1);
		return "I/O error: " + root.getClass().getSimpleName()
				+ ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

	/** Replaces every occurrence of the secret in a text from ServiceNow. */
	static UnaryOperator<String> redacting(char[] secret) {
		return text -> {
			if (text == null || secret.length == 0) {
				return text;
			}
			StringBuilder redacted = new StringBuilder(text.length());
			int i = 0;
			while (i < text.length()) {
				if (occursAt(text, i, secret)) {
					redacted.append("[redacted]");
					i += secret.length;
				}
				else {
					redacted.append(text.charAt(i++));
				}
			}
			return redacted.toString();
		};
	}

	private static boolean occursAt(String text, int start, char[] secret) {
		if (start + secret.length > text.length()) {
			return false;
		}
		for (int j = 0; j < secret.length; j++) {
			if (text.charAt(start + j) != secret[j]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What one try of a call answered: the pacer repeats a call after a short 429, and
	 * each try is measured.
	 */
	private static final class Attempt {

		// 0 until an HTTP status came: the metrics count that as an I/O error.
		private int status;

	}

}
