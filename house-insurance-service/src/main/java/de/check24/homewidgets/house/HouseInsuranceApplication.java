package de.check24.homewidgets.house;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class HouseInsuranceApplication {

	public static void main(String[] args) {
		SpringApplication.run(HouseInsuranceApplication.class, args);
	}

}
