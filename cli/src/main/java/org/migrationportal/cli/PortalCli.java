package org.migrationportal.cli;
public class PortalCli { public static void main(String[] a) { System.out.println("hi"); } }
