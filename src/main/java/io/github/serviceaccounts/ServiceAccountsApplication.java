package io.github.serviceaccounts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ServiceAccountsApplication {

	public static void main(String[] args) {
		SpringApplication.run(ServiceAccountsApplication.class, args);
	}

}
