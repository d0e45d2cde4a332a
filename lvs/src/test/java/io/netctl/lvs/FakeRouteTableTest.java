package io.netctl.lvs;

/** The contract on the fake table. */
class FakeRouteTableTest extends RouteTableContract {
  @Override
  protected RouteTable table() {
    return new FakeRouteTable("172.31.0.0/24");
  }

  @Override
  protected void putForeign(RouteTable t, KernelRoute r) {
    ((FakeRouteTable) t).put(r);
  }
}
