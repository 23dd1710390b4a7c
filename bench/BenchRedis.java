import de.check24.homewidgets.infrastructure.LocalRedis;

/**
 * The tests' embedded Redis on a given port, for the benchmark; run with the core's test
 * classpath: {@code java -cp <cp> BenchRedis.java <port>}.
 */
public class BenchRedis {

	public static void main(String[] args) throws InterruptedException {
		LocalRedis redis = LocalRedis.start(Integer.parseInt(args[0]));
		Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
		System.out.println("bench redis listening on " + redis.port());
		Thread.currentThread().join();
	}

}
