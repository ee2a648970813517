package io.github.serviceaccounts.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.serviceaccounts.RequestDriver;
import io.github.serviceaccounts.simulator.FaultPlan;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * What an operator watches: health probes, Prometheus metrics, log lines with the
 * account.
 */
@ExtendWith(OutputCaptureExtension.class)
// Tests switch metric export off unless asked; the Prometheus endpoint is what is tested
// here.
@AutoConfigureObservability(tracing = false)
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:operations;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "camunda.bpm.job-execution.wait-time-in-millis=100",
				"camunda.bpm.job-execution.max-wait=500" })
class OperationsTests {

	static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	ServiceNowSimulator simulator;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void serviceNowTroubleShowsInHealthButNeverFailsReadiness() throws Exception {
		simulator.faults().configure(FaultPlan.NONE.withErrors(1.0, 503));
		try {
			JsonNode health = JSON.readTree(get("/actuator/health").body());
			assertThat(health.at("/components/serviceNow/status").asText()).isEqualTo("DOWN");
			assertThat(health.at("/components/serviceNow/details/reason").asText()).contains("503");
			assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");

			HttpResponse<String> readiness = get("/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(readiness.body()).at("/components/db/status").asText()).isEqualTo("UP");
			assertThat(JSON.readTree(readiness.body()).at("/components/serviceNow").isMissingNode()).isTrue();
			assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
		finally {
			simulator.faults().clear();
		}
	}

	@Test
	void metricsCountRequestsByOutcomeAndServiceNowCallsByTableAndStatus(CapturedOutput output) throws Exception {
		RequestDriver people = new RequestDriver(engine);
		people.start("svc_ops_metrics");
		people.playUntil("provisioned", Duration.ofSeconds(60), () -> people.provisioned() == 1);

		String metrics = get("/actuator/prometheus").body();
		assertThat(metrics).contains("serviceaccounts_requests_total{outcome=\"started\"} 1.0")
			.contains("serviceaccounts_requests_total{outcome=\"approved\"} 1.0")
			.contains("serviceaccounts_requests_total{outcome=\"provisioned\"} 1.0")
			.contains("serviceaccounts_requests_total{outcome=\"rejected\"} 0.0")
			.contains("serviceaccounts_incidents_open 0.0")
			.containsPattern(
					"servicenow_calls_seconds_count\\{method=\"POST\",status=\"201\",table=\"sys_user\"\\} 1\n")
			.containsPattern(
					"servicenow_calls_seconds_count\\{method=\"GET\",status=\"200\",table=\"sys_user_has_role\"\\}");
		// The engine puts the account in every log line it writes while it runs the
		// instance.
		assertThat(output.getOut()).containsPattern("\\[svc_ops_metrics\\] .*RemoveGuiAccessDelegate");
	}

	HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
