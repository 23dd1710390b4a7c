package de.check24.homewidgets.car;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CarInsuranceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CarInsuranceApplication.class, args);
	}

}
