/**
 * The integration-test harness: {@link im.testkit.StackExtension} gives tests the real running
 * stack, {@link im.testkit.ServiceProcess} starts service jars as separate processes.
 */
package im.testkit;
