package bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Camunda 7 with its web apps on H2 and nothing else: the footprint yardstick. */
@SpringBootApplication
public class BareCamundaApplication {

	public static void main(String[] args) {
		SpringApplication.run(BareCamundaApplication.class, args);
	}
}
