package io.netctl.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.netctl.cli.Main;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;

/**
 * The layering of docs/architecture.md, checked on every build: ipam at the bottom; bgp and lvs on
 * it and never on each other; the BGP speaker on netty alone; validator above them and the only
 * maker of findings; cli on top, its areas apart; one owner for each outside system.
 */
@AnalyzeClasses(packages = {"io.netctl.ipam", "io.netctl.bgp", "io.netctl.lvs", "io.netctl.validator", "io.netctl.cli"},
    importOptions = ArchitectureTest.MainCodeOnly.class)
class ArchitectureTest {
  /** The modules' main code: neither test classes nor test jars. */
  static final class MainCodeOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  private static final String IPAM = "io.netctl.ipam..";
  private static final String BGP = "io.netctl.bgp..";
  private static final String LVS = "io.netctl.lvs..";
  private static final String VALIDATOR = "io.netctl.validator..";
  private static final String CLI = "io.netctl.cli..";

  @ArchTest
  static final ArchRule ipamIsTheBottom = noClasses().that().resideInAPackage(IPAM)
      .should().dependOnClassesThat().resideInAnyPackage(BGP, LVS, VALIDATOR, CLI)
      .because("allocations and the datastore are the source of truth everything else builds on");

  @ArchTest
  static final ArchRule bgpStandsOnIpamOnly = noClasses().that().resideInAPackage(BGP)
      .should().dependOnClassesThat().resideInAnyPackage(LVS, VALIDATOR, CLI);

  @ArchTest
  static final ArchRule lvsStandsOnIpamOnly = noClasses().that().resideInAPackage(LVS)
      .should().dependOnClassesThat().resideInAnyPackage(BGP, VALIDATOR, CLI);

  @ArchTest
  static final ArchRule validatorIsBelowTheCli = noClasses().that().resideInAPackage(VALIDATOR)
      .should().dependOnClassesThat().resideInAPackage(CLI);

  @ArchTest
  static final ArchRule theSpeakerDependsOnNettyAlone = classes()
      .that().resideInAnyPackage("io.netctl.bgp.wire..", "io.netctl.bgp.session..", "io.netctl.bgp.rib..", "io.netctl.bgp.bmp..")
      .should().onlyDependOnClassesThat().resideInAnyPackage(
          "io.netctl.bgp.wire..", "io.netctl.bgp.session..", "io.netctl.bgp.rib..", "io.netctl.bgp.bmp..", "io.netty..", "java..", "org.slf4j..")
      .because("the BGP wire code, FSM, RIB and BMP collector depend on nothing of ours but themselves (slf4j only for logging)");

  @ArchTest
  static final ArchRule onlyTheValidatorMakesFindings = noClasses().that().resideOutsideOfPackage(VALIDATOR)
      .should().callConstructor(Finding.class, Code.class, String.class, String.class, String.class, String.class)
      .orShould().callConstructor(Finding.class, Code.class, String.class, String.class, String.class, String.class, io.netctl.validator.Severity.class)
      .orShould().callMethod(Finding.class, "of", Code.class, String.class, String.class, String.class)
      .because("every check lives in the validator module; the rest only turns inputs into its sources and renders its reports");

  @ArchTest
  static final ArchRule onlyMainExits = noClasses().that(not(belongToAnyOf(Main.class)))
      .should().callMethod(System.class, "exit", int.class)
      .because("commands return exit codes; only the process entry point ends the JVM");

  @ArchTest
  static final ArchRule onlyTheEtcdStoreImportsJetcd = noClasses().that(not(belongToAnyOf(EtcdStore.class)))
      .should().dependOnClassesThat().resideInAPackage("io.etcd..");

  @ArchTest
  static final ArchRule onlyTheKubernetesAdapterImportsFabric8 = noClasses().that().resideOutsideOfPackage("io.netctl.cli.kube..")
      .should().dependOnClassesThat().resideInAPackage("io.fabric8..");

  @ArchTest
  static final ArchRule onlyTheIproute2AdapterRunsProcesses = noClasses().that().resideOutsideOfPackage("io.netctl.lvs.iproute..")
      .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class)
      .orShould().callMethod(Runtime.class, "exec", String[].class)
      .because("the iproute2 adapter is the only code that runs a program");

  @ArchTest
  static final ArchRule cliAreasStayApart = noClasses().that().resideInAnyPackage(
          "io.netctl.cli.allocation..", "io.netctl.cli.bgp..", "io.netctl.cli.lvs..", "io.netctl.cli.check..", "io.netctl.cli.routes..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netctl.cli.controller..", "io.netctl.cli.agent..", "io.netctl.cli.kube..", "io.netctl.cli.metrics..")
      .because("one-shot commands never load the in-cluster code");

  @ArchTest
  static final ArchRule cliAreasDoNotUseEachOther = classes().that().resideInAPackage("io.netctl.cli.allocation..")
      .should().onlyDependOnClassesThat().resideOutsideOfPackages("io.netctl.cli.bgp..", "io.netctl.cli.lvs..", "io.netctl.cli.check..");
}
