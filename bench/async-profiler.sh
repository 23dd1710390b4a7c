# Sourced by the benchmarks (needs $WORK): async-profiler 4.1 from Maven Central, whose jar ships the Linux library,
# attached to a running JVM.
#   profile <pid> start <event> [interval]   e.g. itimer; alloc 512k; wall,threads 200us (interval default 1ms)
#   profile <pid> stop <file.html>           the flame graph, and the same samples as text (one stack per line) in
#                                            $WORK/<name>.collapsed for reading without a browser
profile() {
	local pid=$1 lib=$WORK/libasyncProfiler.so
	if [[ ! -f "$lib" ]]; then
		local jar=$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar
		[[ -f $jar ]] || ./mvnw -q -B -ntp dependency:get -Dartifact=tools.profiler:async-profiler:4.1
		unzip -p "$jar" linux-x64/libasyncProfiler.so >"$lib"
	fi
	# one argument to jcmd: split up, the agent's options would be taken for jcmd's own
	if [[ $2 == start ]]; then
		jcmd "$pid" "JVMTI.agent_load $lib \"start,event=$3,interval=${4:-1ms}\"" >/dev/null
	else
		mkdir -p "$(dirname "$3")"
		jcmd "$pid" "JVMTI.agent_load $lib \"dump,collapsed,file=$WORK/$(basename "$3" .html).collapsed\"" >/dev/null
		jcmd "$pid" "JVMTI.agent_load $lib \"stop,file=$3\"" >/dev/null
	fi
}
